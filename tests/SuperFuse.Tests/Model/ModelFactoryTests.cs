using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Model;

public sealed class ModelFactoryTests
{
    public ModelFactoryTests() => TorchFixture.Start();

    [Theory]
    [InlineData("concat")]
    [InlineData("product")]
    [InlineData("tfn")]
    public void Counted_parameters_equal_the_built_model(string name)
    {
        var fusion = FusionRegistry.Get(name);
        using var model = ModelFactory.Create(fusion, 6, 6, 3, new ModelOptions(Head: HeadKind.Reference), 1);
        Assert.Equal(ModelFactory.ParameterCount(fusion, 6, 6, 3, new ModelOptions(Head: HeadKind.Reference)), model.ParameterCount());
    }

    [Fact]
    public void The_reference_head_adds_one_hidden_layer()
    {
        var fusion = FusionRegistry.Get("concat");
        long standard = ModelFactory.ParameterCount(fusion, 6, 6, 2, new ModelOptions());
        long reference = ModelFactory.ParameterCount(fusion, 6, 6, 2, new ModelOptions(Head: HeadKind.Reference));
        Assert.Equal((32 * 32) + 32, reference - standard);
    }

    [Fact]
    public void Heads_parse_by_name_and_refuse_others()
    {
        Assert.Equal(HeadKind.Reference, ModelOptions.ParseHead(" Reference "));
        var error = Assert.Throws<UserInputException>(() => ModelOptions.ParseHead("wide"));
        Assert.Contains("standard or reference", error.Message, StringComparison.Ordinal);
    }
}
