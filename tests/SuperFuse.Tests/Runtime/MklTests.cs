using SuperFuse.Runtime;
using SuperFuse.Tests.Support;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Runtime;

/// <summary>
/// MKL's GEMM called directly, on one thread, against libtorch's <c>addmm_</c> on all of its threads: the same bits for
/// the bilinear layer's two products (the weight gradient over a unit's live rows, Aᵀ·B, and the projection W_k·Rᵀ,
/// A·Bᵀ) at the shapes of 768-d pairs and at small odd ones.
/// </summary>
public sealed unsafe class MklTests
{
    public MklTests() => TorchFixture.Start();

    [Fact]
    public void The_x64_libtorch_exports_MKL() => Assert.True(Mkl.Available, "libtorch_cpu exports no sgemm_ or MKL_Set_Num_Threads_Local");

    [Theory]
    [InlineData(769, 769, 32)]   // a unit's weight gradient over 32 live rows
    [InlineData(769, 769, 64)]
    [InlineData(13, 11, 5)]
    public void A_transposed_times_B_on_one_thread_gives_libtorchs_bits(int rows, int columns, int depth)
    {
        using var scope = NewDisposeScope();
        var a = randn(depth, rows, generator: new Generator(1));
        var b = randn(depth, columns, generator: new Generator(2));
        var expected = zeros(rows, columns).addmm_(a.t(), b, 0, 1);
        var actual = OnAnotherThreadAlone(rows, columns, (c, pa, pb) => Mkl.Gemm(true, false, rows, columns, depth, pa, rows, pb, columns, c, columns), a, b);
        Assert.True(Same(expected, actual), $"{rows} × {columns} by {depth}: bits differ from addmm_");
    }

    [Theory]
    [InlineData(769, 64, 769)]   // a unit's projection at B = 64
    [InlineData(769, 512, 769)]  // and over an evaluation chunk
    [InlineData(13, 17, 11)]
    public void A_times_B_transposed_on_one_thread_gives_libtorchs_bits(int rows, int columns, int depth)
    {
        using var scope = NewDisposeScope();
        var a = randn(rows, depth, generator: new Generator(3));
        var b = randn(columns, depth, generator: new Generator(4));
        var expected = zeros(rows, columns).addmm_(a, b.t(), 0, 1);
        var actual = OnAnotherThreadAlone(rows, columns, (c, pa, pb) => Mkl.Gemm(false, true, rows, columns, depth, pa, depth, pb, depth, c, columns), a, b);
        Assert.True(Same(expected, actual), $"{rows} × {columns} by {depth}: bits differ from addmm_");
    }

    private static bool Same(Tensor a, Tensor b)
    {
        using var equal = a.eq(b);
        using var all = equal.all();
        return all.item<bool>();
    }

    private delegate void Product(float* c, float* a, float* b);

    private static Tensor OnAnotherThreadAlone(int rows, int columns, Product product, Tensor a, Tensor b)
    {
        var c = full(rows, columns, float.NaN);
        nint pc = (nint)NativeBuffer.Floats(c), pa = (nint)NativeBuffer.Floats(a), pb = (nint)NativeBuffer.Floats(b);
        var worker = new Thread(() =>
        {
            TorchRuntime.FlushDenormalsOnThisThread();
            Mkl.OnThisThreadAlone(() => product((float*)pc, (float*)pa, (float*)pb));
        });
        worker.Start();
        worker.Join();
        return c;
    }
}
