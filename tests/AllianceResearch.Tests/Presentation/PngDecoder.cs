using System.Buffers.Binary;
using System.IO.Compression;

namespace AllianceResearch.Tests.Presentation;

/// <summary>
/// Just enough PNG decoding to count pixels in browser screenshots: 8-bit RGB or RGBA, non-interlaced,
/// all five scanline filters (PNG spec, section 9). Returns RGBA bytes.
/// </summary>
internal static class PngDecoder
{
    public static (int Width, int Height, byte[] Rgba) Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("Not a PNG file.");
        int width = 0, height = 0, colorType = 0;
        using var idat = new MemoryStream();
        var pos = 8;
        while (pos + 8 <= png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var depth = data[8];
                colorType = data[9];
                if (depth != 8 || (colorType != 2 && colorType != 6) || data[12] != 0)
                    throw new NotSupportedException($"PNG with bit depth {depth}, colour type {colorType}, interlace {data[12]} is not supported.");
            }
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        var bpp = colorType == 6 ? 4 : 3;
        var stride = width * bpp;
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = bytes[y * (stride + 1)];
            var src = y * (stride + 1) + 1;
            var dst = y * stride;
            for (var x = 0; x < stride; x++)
            {
                int a = x >= bpp ? pixels[dst + x - bpp] : 0;
                int b = y > 0 ? pixels[dst - stride + x] : 0;
                int c = x >= bpp && y > 0 ? pixels[dst - stride + x - bpp] : 0;
                var v = bytes[src + x];
                pixels[dst + x] = filter switch
                {
                    0 => v,
                    1 => (byte)(v + a),
                    2 => (byte)(v + b),
                    3 => (byte)(v + ((a + b) >> 1)),
                    4 => (byte)(v + Paeth(a, b, c)),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter} on row {y}."),
                };
            }
        }
        if (bpp == 4) return (width, height, pixels);
        var rgba = new byte[width * height * 4];
        for (int i = 0, j = 0; i < pixels.Length; i += 3, j += 4)
        {
            rgba[j] = pixels[i]; rgba[j + 1] = pixels[i + 1]; rgba[j + 2] = pixels[i + 2]; rgba[j + 3] = 255;
        }
        return (width, height, rgba);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
