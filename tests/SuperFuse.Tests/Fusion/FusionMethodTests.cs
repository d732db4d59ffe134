using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Tests.Support;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Fusion;

public sealed class FusionMethodTests
{
    public FusionMethodTests() => TorchFixture.Start();

    private static float[] Fuse(string name, float[] t, float[] i)
    {
        using var text = tensor(t, [1, t.Length]);
        using var image = tensor(i, [1, i.Length]);
        using var fused = FusionRegistry.Get(name).Fuse(text, image);
        return fused.data<float>().ToArray();
    }

    [Fact]
    public void Concat_puts_text_then_image()
    {
        Assert.Equal([1f, 2f, 3f, 10f, 20f, 30f], Fuse("concat", [1, 2, 3], [10, 20, 30]));
    }

    [Fact]
    public void Product_second_pass_pairs_T_j_with_I_N_minus_1_minus_j()
    {
        // F_j = T_j·I_j; F_{N+j} = T_j·I_{N−1−j}: (1·30, 2·20, 3·10).
        Assert.Equal([10f, 40f, 90f, 30f, 40f, 30f], Fuse("product", [1, 2, 3], [10, 20, 30]));
    }

    [Fact]
    public void Tensor_is_row_major_outer_product()
    {
        // F_{a·d_i+b} = T_a·I_b with d_t = 2, d_i = 3.
        Assert.Equal([10f, 20f, 30f, 20f, 40f, 60f], Fuse("tensor", [1, 2], [10, 20, 30]));
    }

    [Fact]
    public void Tfn_keeps_the_ones_and_unimodal_terms()
    {
        // [1; T] ⊗ [1; I] with T = (2), I = (3, 5): row 1 = (1, 3, 5), row T = (2, 6, 10).
        Assert.Equal([1f, 3f, 5f, 2f, 6f, 10f], Fuse("tfn", [2], [3, 5]));
    }

    [Theory]
    [InlineData("concat", 1536L, 49_250L)]
    [InlineData("product", 1536L, 49_250L)]
    [InlineData("tensor", 589_824L, 18_874_466L)]
    [InlineData("tfn", 591_361L, 18_923_650L)]
    public void Output_dims_and_parameter_counts_match_table_1(string name, long dim, long parameters)
    {
        var fusion = FusionRegistry.Get(name);
        Assert.Equal(dim, fusion.OutputDim(768, 768));
        Assert.Equal(parameters, ModelFactory.ParameterCount(fusion, 768, 768, 2, new ModelOptions()));
    }

    [Fact]
    public void Product_on_unequal_dims_is_a_user_error()
    {
        var error = Assert.Throws<UserInputException>(() => FusionRegistry.Get("product").OutputDim(512, 384));
        Assert.Contains("512 and 384", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_fusion_names_the_known_ones()
    {
        var error = Assert.Throws<UserInputException>(() => FusionRegistry.Get("bogus"));
        Assert.Contains("concat, product, tensor, tfn", error.Message, StringComparison.Ordinal);
    }
}
