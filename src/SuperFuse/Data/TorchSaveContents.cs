using System.Collections;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Data;

/// <summary>Checks and converts what <see cref="TorchSaveReader"/> unpickled: dicts of tensors and nothing else.</summary>
internal static class TorchSaveContents
{
    /// <summary>Throws a one-line error naming the first key whose value is not a tensor or a dict of them.</summary>
    public static void Check(IDictionary dict, string path, string prefix)
    {
        foreach (DictionaryEntry entry in dict)
        {
            string key = prefix + entry.Key;
            switch (entry.Value)
            {
                case Tensor:
                    break;
                // Only Python's dict and OrderedDict: an unknown Python object unpickles as a ClassDict, a dictionary too.
                case IDictionary inner when entry.Value.GetType() == typeof(Hashtable) || entry.Value.GetType().Name == "OrderedDict":
                    Check(inner, path, key + ".");
                    break;
                case IList:
                    throw new UserInputException($"{path}: key '{key}' holds a Python list or tuple; expected a tensor: save it with torch.tensor(values)");
                default:
                    throw new UserInputException($"{path}: key '{key}' holds {Describe(entry.Value)}; expected only tensors and dicts of tensors");
            }
        }
    }

    /// <summary>Frees the native memory of every tensor in <paramref name="dict"/>.</summary>
    public static void Dispose(IDictionary dict)
    {
        foreach (var value in dict.Values)
        {
            if (value is Tensor t) t.Dispose();
            else if (value is IDictionary inner) Dispose(inner);
        }
    }

    /// <summary>Copies a float, integer or bool tensor into an <see cref="NpyArray"/>.</summary>
    public static NpyArray ToArray(Tensor t, string source, string name)
    {
        var shape = t.shape.Select(d => checked((int)d)).ToArray();
        string dtype = t.dtype.ToString().ToLowerInvariant();
        using var scope = NewDisposeScope();
        if (t.is_floating_point())
        {
            return new NpyArray(source, dtype, shape, t.to(ScalarType.Float32).contiguous().data<float>().ToArray(), null);
        }
        if (t.is_complex())
        {
            throw new UserInputException($"{source}: tensor '{name}' has dtype {dtype}; expected a float, integer or bool tensor");
        }
        return new NpyArray(source, dtype, shape, null, t.to(ScalarType.Int64).contiguous().data<long>().ToArray());
    }

    private static string Describe(object? value) => value switch
    {
        null => "None",
        string => "a string",
        int or long or double or bool => $"a Python {value.GetType().Name.ToLowerInvariant()}",
        Razorvine.Pickle.Objects.ClassDict c => $"an object of class {c.ClassName}",
        _ => $"a {value.GetType().Name}",
    };
}
