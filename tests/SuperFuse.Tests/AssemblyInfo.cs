// libtorch's RNG and thread pool are process-wide: tests that train must not run in parallel.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
