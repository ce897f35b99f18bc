using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CrmBridge.Sandbox.Staging;

/// <summary>
/// A throwaway PostgreSQL cluster for the demo: <c>initdb</c> + <c>pg_ctl</c> from the local installation (Debian's
/// <c>/usr/lib/postgresql/N/bin</c>, else <c>PATH</c>) in a temporary folder, trust authentication, listening on a free
/// 127.0.0.1 port only. As root it runs as the <c>postgres</c> user (initdb refuses root). Disposing stops it and deletes
/// the folder.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    /// <summary>The one line that says how to get PostgreSQL when it is not installed.</summary>
    public const string InstallHint =
        "PostgreSQL is not installed: install it (Debian/Ubuntu: apt-get install -y postgresql) or set CRMBRIDGE_DEMO_POSTGRES to a connection string.";

    private readonly string _bin;
    private readonly DirectoryInfo _folder;
    private readonly string[] _runAs;

    private LocalPostgres(string bin, DirectoryInfo folder, string[] runAs, int port)
    {
        _bin = bin;
        _folder = folder;
        _runAs = runAs;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    /// <summary>Gets the connection string (superuser <c>postgres</c>, no password, loopback only).</summary>
    public string ConnectionString { get; }

    /// <summary>Finds the folder holding <c>initdb</c> and <c>pg_ctl</c>, or <see langword="null"/> when PostgreSQL is not installed.</summary>
    /// <returns>The folder, or <see langword="null"/>.</returns>
    public static string? FindBinaries()
    {
        var debian = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return debian ?? (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    /// <summary>Creates and starts a cluster (about 2 s).</summary>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <returns>The running cluster.</returns>
    /// <exception cref="InvalidOperationException">With <see cref="InstallHint"/> when PostgreSQL is not installed, or the tool's output when it failed.</exception>
    public static async Task<LocalPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(InstallHint);
        var folder = Directory.CreateTempSubdirectory("crmbridge-pg-");
        string[] runAs = [];
        if (Environment.UserName == "root")
        {
            runAs = ["runuser", "-u", "postgres", "--"];
            await RunAsync("chown", ["chown", "postgres", folder.FullName], cancellationToken).ConfigureAwait(false);
        }

        var port = FreePort();
        var cluster = new LocalPostgres(bin, folder, runAs, port);
        var data = Path.Combine(folder.FullName, "data");
        try
        {
            await StartClusterAsync(bin, runAs, folder, data, port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    private static async Task StartClusterAsync(string bin, string[] runAs, DirectoryInfo folder, string data, int port, CancellationToken cancellationToken)
    {
        await RunAsync("initdb", [.. runAs, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"], cancellationToken).ConfigureAwait(false);
        await RunAsync("pg_ctl start", [.. runAs, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder.FullName, "server.log"),
            "-o", $"-p {port} -k {folder.FullName} -c listen_addresses=127.0.0.1", "-w", "-t", "60", "start"], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops the cluster and deletes its folder.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("pg_ctl stop", [.. _runAs, Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder.FullName, "data"), "-m", "fast", "-w", "stop"], CancellationToken.None).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing to do but remove the files.
        }

        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans its temp folder.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string name, string[] command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command[0]}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            var text = (await error.ConfigureAwait(false)).Trim();
            throw new InvalidOperationException($"{name} failed ({process.ExitCode}): {(text.Length > 0 ? text : (await output.ConfigureAwait(false)).Trim())}");
        }

        await output.ConfigureAwait(false);
    }
}
