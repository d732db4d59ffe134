using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Runtime;

/// <summary>The address of a contiguous float32 CPU tensor's first element, for kernels written in C#.</summary>
internal static partial class NativeBuffer
{
    public static unsafe float* Floats(Tensor t)
    {
        if (t.dtype != ScalarType.Float32 || !t.is_contiguous() || t.device_type != DeviceType.CPU)
        {
            throw new ArgumentException("expected a contiguous float32 CPU tensor", nameof(t));
        }
        return (float*)Data(t.Handle);
    }

    // TorchSharp's own accessor for at::Tensor::data_ptr() (storage offset included).
    [LibraryImport("LibTorchSharp", EntryPoint = "THSTensor_data")]
    private static partial IntPtr Data(IntPtr handle);
}
