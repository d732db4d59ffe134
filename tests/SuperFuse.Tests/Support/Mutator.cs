namespace SuperFuse.Tests.Support;

/// <summary>
/// Damages a valid file the ways real files get damaged: flipped bytes, truncation, a zeroed block, a damaged header or
/// footer, inserted bytes and appended garbage. Seeded, so every mutant can be made again from its number.
/// </summary>
internal static class Mutator
{
    public static (byte[] Bytes, string What) Mutate(byte[] valid, Random random)
    {
        var b = valid.ToList();
        int n = b.Count;
        switch (random.Next(7))
        {
            case 0:
                int flips = 1 + random.Next(8);
                for (int k = 0; k < flips; k++) b[random.Next(n)] ^= (byte)(1 << random.Next(8));
                return ([.. b], $"{flips} bit flips");
            case 1:
                int keep = random.Next(n);
                return ([.. b.Take(keep)], $"truncated to {keep} of {n} bytes");
            case 2:
                int start = random.Next(n), length = Math.Min(1 + random.Next(64), n - start);
                for (int k = start; k < start + length; k++) b[k] = 0;
                return ([.. b], $"{length} bytes zeroed at {start}");
            case 3:
                int head = Math.Min(64, n);
                for (int k = 0; k < 1 + random.Next(4); k++) b[random.Next(head)] = (byte)random.Next(256);
                return ([.. b], "header bytes replaced");
            case 4:
                int tail = Math.Min(64, n);
                for (int k = 0; k < 1 + random.Next(4); k++) b[n - 1 - random.Next(tail)] = (byte)random.Next(256);
                return ([.. b], "footer bytes replaced");
            case 5:
                int at = random.Next(n + 1);
                var extra = new byte[1 + random.Next(16)];
                random.NextBytes(extra);
                b.InsertRange(at, extra);
                return ([.. b], $"{extra.Length} bytes inserted at {at}");
            default:
                var garbage = new byte[1 + random.Next(256)];
                random.NextBytes(garbage);
                return ([.. b, .. garbage], $"{garbage.Length} bytes of garbage appended");
        }
    }
}
