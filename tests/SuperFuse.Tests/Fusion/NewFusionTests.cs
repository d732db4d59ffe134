using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Tests.Support;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Tests.Fusion;


public sealed class NewFusionTests
{
    public NewFusionTests() => TorchFixture.Start();

    private static Tensor T() => tensor(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);

    private static Tensor I() => tensor(new float[] { 10, 20, 30, 40, 50, 60 }, [2, 3]);

    [Fact]
    public void Sum_adds()
    {
        using var f = FusionRegistry.Get("sum").Fuse(T(), I());
        Assert.Equal(new float[] { 11, 22, 33, 44, 55, 66 }, f.data<float>().ToArray());
    }

    [Fact]
    public void Product_dial_pairs_T_j_with_I_j_plus_p()
    {
        var dial = FusionRegistry.Get("product:2");
        Assert.Equal(6, dial.OutputDim(3, 3));
        using var f = dial.Fuse(T(), I());
        // Row 0: pass 0: 1·10, 2·20, 3·30; pass 1: 1·20, 2·30, 3·10.
        Assert.Equal(new float[] { 10, 40, 90, 20, 60, 30 }, f[0].data<float>().ToArray());
    }

    [Fact]
    public void Product_dial_at_k_equals_N_holds_every_tensor_product_once()
    {
        using var f = FusionRegistry.Get("product:3").Fuse(T(), I());
        using var t = FusionRegistry.Get("tensor").Fuse(T(), I());
        Assert.Equal(t[1].data<float>().ToArray().Order(), f[1].data<float>().ToArray().Order());
    }

    [Theory]
    [InlineData("mlb")]
    [InlineData("gated")]
    [InlineData("lmf")]
    [InlineData("lmf:2")]
    public void Learned_fusions_register_their_weights_and_every_parameter_gets_a_gradient(string name)
    {
        var fusion = FusionRegistry.Get(name);
        using var model = ModelFactory.Create(fusion, 3, 5, 2, new ModelOptions(), seed: 1);
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Contains(names, n => n.StartsWith("fuse.", StringComparison.Ordinal));
        using var text = randn(4, 3);
        using var image = randn(4, 5);
        using var outputs = model.forward(text, image);
        using var labels = tensor(new long[] { 0, 1, 0, 1 });
        using var loss = model.Loss(outputs, labels);
        loss.backward();
        foreach (var (n, p) in model.named_parameters())
        {
            Assert.True(p.grad is not null && p.grad.abs().sum().item<float>() > 0, $"{name}: {n} got no gradient");
        }
        Assert.Equal(3, fusion.OutputDim(3, 5));
    }

    [Theory]
    [InlineData("sum")]
    [InlineData("mlb")]
    [InlineData("gated")]
    [InlineData("lmf:3")]
    [InlineData("product:2")]
    public void The_counted_parameters_are_the_model_parameters(string name)
    {
        var fusion = FusionRegistry.Get(name);
        using var model = ModelFactory.Create(fusion, 4, name == "sum" || name.StartsWith("product", StringComparison.Ordinal) ? 4 : 6, 3, new ModelOptions(), seed: 1);
        int image = name == "sum" || name.StartsWith("product", StringComparison.Ordinal) ? 4 : 6;
        Assert.Equal(model.ParameterCount(), ModelFactory.ParameterCount(fusion, 4, image, 3, new ModelOptions()));
    }

    [Fact]
    public void Lmf_equals_a_rank_r_weight_on_the_extended_tensor_product()
    {
        var fusion = new LmfFusion(2);
        using var module = fusion.CreateModule(2, 2);
        var factors = module.parameters().ToArray();
        using var text = tensor(new float[] { 0.5f, -1 }, [1, 2]);
        using var image = tensor(new float[] { 2, 0.25f }, [1, 2]);
        using var fused = module.forward(text, image);
        // By hand: F_h = Σ_k Σ_{a,b} t'_a i'_b Wt[k,a,h] Wi[k,b,h] with t' = [t; 1], i' = [i; 1].
        var wt = factors[0].data<float>().ToArray();
        var wi = factors[1].data<float>().ToArray();
        float[] t1 = [0.5f, -1, 1], i1 = [2, 0.25f, 1];
        for (int h = 0; h < 2; h++)
        {
            double expected = 0;
            for (int k = 0; k < 2; k++)
            {
                double a = Enumerable.Range(0, 3).Sum(x => t1[x] * wt[(k * 3 + x) * 2 + h]);
                double b = Enumerable.Range(0, 3).Sum(x => i1[x] * wi[(k * 3 + x) * 2 + h]);
                expected += a * b;
            }
            Assert.Equal(expected, fused[0, h].item<float>(), 4);
        }
    }

    [Fact]
    public void Bad_dials_are_user_errors()
    {
        Assert.Throws<UserInputException>(() => FusionRegistry.Get("product:0"));
        Assert.Throws<UserInputException>(() => FusionRegistry.Get("lmf:0"));
        Assert.Throws<UserInputException>(() => FusionRegistry.Get("product:9").OutputDim(3, 3));
        Assert.Throws<UserInputException>(() => FusionRegistry.Get("magic:2"));
    }
}
