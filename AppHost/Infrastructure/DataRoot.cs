using Microsoft.Extensions.Configuration;
using System.Security.Cryptography;

namespace Zaili.AppHost.Infrastructure;

/// <summary>
/// Where local PostgreSQL and RabbitMQ keep their data. <c>run</c> uses a persistent folder (records
/// survive a restart, fsync on); tests use a fresh scratch folder per run (fsync off) that is removed
/// when the process that made it is gone.
/// </summary>
public sealed class DataRoot
{
    private const string ScratchPrefix = "zaili-scratch-";

    public string Path { get; }
    public bool IsScratch { get; }

    private DataRoot(string path, bool isScratch)
    {
        Path = path;
        IsScratch = isScratch;
    }

    public static DataRoot Resolve(IConfiguration configuration, string appHostDirectory)
    {
        if (configuration.GetValue<bool>("Zaili:ScratchData"))
        {
            RemoveStaleScratchFolders();
            var scratch = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{ScratchPrefix}{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}");
            Directory.CreateDirectory(scratch);
            return new DataRoot(scratch, isScratch: true);
        }
        var configured = configuration["Zaili:DataRoot"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? System.IO.Path.GetFullPath(System.IO.Path.Combine(appHostDirectory, "..", ".data"))
            : System.IO.Path.GetFullPath(configured);
        Directory.CreateDirectory(path);
        return new DataRoot(path, isScratch: false);
    }

    public string Folder(string name)
    {
        var folder = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>An RSA private key (PEM), generated once per data root like the other secrets.</summary>
    public string RsaPrivateKey(string name)
    {
        var file = System.IO.Path.Combine(Folder("secrets"), name + ".pem");
        if (!File.Exists(file))
        {
            using var rsa = RSA.Create(2048);
            File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return File.ReadAllText(file);
    }

    /// <summary>A secret generated once per data root and kept beside the data it protects.</summary>
    public string Secret(string name)
    {
        var file = System.IO.Path.Combine(Folder("secrets"), name);
        if (!File.Exists(file))
        {
            File.WriteAllText(file, RandomNumberGenerator.GetHexString(64, lowercase: true));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        return File.ReadAllText(file).Trim();
    }

    /// <summary>Scratch folders of test runs whose AppHost process no longer exists.</summary>
    private static void RemoveStaleScratchFolders()
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetTempPath(), ScratchPrefix + "*"))
        {
            var name = System.IO.Path.GetFileName(folder)[ScratchPrefix.Length..];
            var pidText = name.Split('-')[0];
            if (int.TryParse(pidText, out var pid) && IsRunning(pid))
            {
                continue;
            }
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
