using System.ComponentModel.DataAnnotations;

namespace CrmBridge.Pipeline.Sqlite;

/// <summary>Options of the embedded SQLite storage (queue, claim checks and state in one file), bound from <c>Storage:Sqlite</c>.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Storage:Sqlite";

    /// <summary>Gets or sets the database file path (relative paths resolve against the working directory).</summary>
    /// <value>Default <c>crmbridge.db</c>.</value>
    [Required]
    public string Path { get; set; } = "crmbridge.db";

    /// <summary>Gets or sets the name of the work queue inside the file (several queues can share one file).</summary>
    /// <value>Default <c>changes</c>.</value>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string QueueName { get; set; } = "changes";

    /// <summary>Gets or sets how long a writer waits for another process's lock before failing with a transient error.</summary>
    /// <value>Default 10 s.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Gets or sets whether every commit is flushed to disk (<c>synchronous=FULL</c>). Off, commits use WAL with
    /// <c>synchronous=NORMAL</c>: they survive a crash of the process, but the last ones may roll back on power loss.
    /// </summary>
    /// <value>Default <see langword="false"/> (thousands of envelopes per second instead of hundreds).</value>
    public bool DurableCommits { get; set; }
}
