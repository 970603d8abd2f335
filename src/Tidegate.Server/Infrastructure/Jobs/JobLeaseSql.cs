namespace Tidegate.Server.Infrastructure.Jobs;

/// <summary>The lease table's statements; the upsert's WHERE carries the rule (ours already, or expired).</summary>
public static class JobLeaseSql
{
    /// <summary>Takes the lease when it is free or expired, renews it when it is ours; 1 row when we hold it.</summary>
    public const string TakeOrRenew = """
        INSERT INTO job_leases (name, holder, expires_at) VALUES (@Name, @Holder, @ExpiresAt)
        ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
        WHERE job_leases.holder = excluded.holder OR job_leases.expires_at <= @Now
        """;

    public const string Release = "DELETE FROM job_leases WHERE holder = @Holder";

    public const string Holders = "SELECT name, holder, expires_at FROM job_leases";
}
