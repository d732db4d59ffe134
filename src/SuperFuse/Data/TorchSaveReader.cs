using System.Collections;
using System.Runtime.InteropServices;
using Razorvine.Pickle;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace SuperFuse.Data;

/// <summary>
/// Reads a file written by PyTorch's <c>torch.save</c> (a <c>.pt</c> or <c>.pth</c> zip holding <c>data.pkl</c> and
/// the tensors' storages) whose top level is a dict of tensors, e.g.
/// <c>torch.save({"text": T, "image": I, "label": y}, "emb.pt")</c>. TorchSharp.PyBridge unpickles it with
/// Razorvine.Pickle, which builds data and never runs code named in the file; anything in the dict that is not a
/// tensor or a dict of tensors is then refused with one line.
/// </summary>
public static class TorchSaveReader
{
    /// <summary>Reads the named tensors of <paramref name="path"/>.</summary>
    public static PairedDataset ReadDataset(string path, FieldNames names)
    {
        ArgumentNullException.ThrowIfNull(names);
        using var stream = DataFiles.OpenRead(path);
        RequireZip(stream, path);
        var dict = Unpickle(stream, path);
        try
        {
            TorchSaveContents.Check(dict, path, "");
            return ArrayDataset.FromArrays(Read(dict, path, names.Text), Read(dict, path, names.Image),
                Read(dict, path, names.Label), path, names, names.Split is string s ? Read(dict, path, s) : null);
        }
        finally
        {
            TorchSaveContents.Dispose(dict);
        }
    }

    private static void RequireZip(FileStream stream, string path)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = 0;
        if (read == 4 && magic.SequenceEqual("PK\u0003\u0004"u8)) return;
        string why = read >= 2 && magic[0] == 0x80
            ? "it is in PyTorch's legacy format (_use_new_zipfile_serialization=False)"
            : "it is not a zip archive";
        throw new UserInputException($"{path}: not a torch.save file ({why}); expected the zip format that torch.save writes by default");
    }

    private static Hashtable Unpickle(FileStream stream, string path)
    {
        try
        {
            return PyTorchUnpickler.UnpickleStateDict(stream, leaveOpen: true);
        }
        catch (PickleException e) when (ClassName(e.Message) is string name)
        {
            throw new UserInputException(name.StartsWith("numpy.", StringComparison.Ordinal)
                ? $"{path}: holds a numpy array ({name}); expected tensors only: save it as a tensor, e.g. torch.from_numpy(a)"
                : $"{path}: holds a Python object of class {name}; expected only tensors and dicts of tensors (a .pt file is read without running its code)", e);
        }
        catch (InvalidCastException e) when (e.Message.Contains("Hashtable", StringComparison.Ordinal))
        {
            string found = e.Message.Contains("'Tensor'", StringComparison.Ordinal) ? "a single tensor" : "not a dict";
            throw new UserInputException($"{path}: its top level is {found}; expected a dict of tensors, torch.save({{\"text\": T, \"image\": I, \"label\": y}}, path)", e);
        }
        catch (Exception e) when (e is ExternalException or InvalidOperationException
            && (e.Message.Contains("setStorage", StringComparison.Ordinal) || e.Message.Contains("non-contiguous", StringComparison.Ordinal)))
        {
            throw new UserInputException($"{path}: a tensor was saved as a view of a larger tensor (a slice or a transpose); expected tensors that own their data: save each with .contiguous().clone()", e);
        }
    }

    private static string? ClassName(string message)
    {
        int start = message.IndexOf("(for ", StringComparison.Ordinal);
        int end = start < 0 ? -1 : message.IndexOf(')', start);
        return end < 0 ? null : message[(start + 5)..end];
    }

    private static NpyArray Read(Hashtable dict, string path, string name)
    {
        if (dict[name] is not Tensor t)
        {
            var keys = dict.Keys.Cast<object>().Select(k => k.ToString()).Order(StringComparer.Ordinal);
            throw new UserInputException($"{path}: has no tensor '{name}' (keys: {string.Join(", ", keys)}); expected it to exist");
        }
        return TorchSaveContents.ToArray(t, $"{path}:{name}", name);
    }
}
