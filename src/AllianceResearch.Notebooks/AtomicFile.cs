namespace AllianceResearch.Notebooks;

/// <summary>Replaces files whole: write a temporary file in the same folder, then move it over the target.</summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> so that readers (and a crash) see
    /// either the old file or the complete new one, never a partial write.
    /// </summary>
    public static void WriteAllText(string path, string content, System.Text.Encoding encoding) =>
        Write(path, stream =>
        {
            var bytes = encoding.GetBytes(content);
            stream.Write(bytes);
        });

    /// <summary>
    /// Calls <paramref name="write"/> on a temporary file next to <paramref name="path"/> and moves it into
    /// place only when <paramref name="write"/> returns; if it throws, the target is untouched and the
    /// temporary file is removed.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        // Same folder, so the final move is a rename within one file system (atomic on POSIX and NTFS).
        var temp = Path.Combine(directory, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort: the write already failed and that is the error to report.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
