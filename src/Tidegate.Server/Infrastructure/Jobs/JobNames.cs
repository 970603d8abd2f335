namespace Tidegate.Server.Infrastructure.Jobs;

/// <summary>The background jobs that must run on one instance at a time, each under a lease of this name.</summary>
public static class JobNames
{
    public const string HoldSweeper = "hold-sweeper";
    public const string PaymentReconciler = "payment-reconciler";
    public const string TicketMailer = "ticket-mailer";
    public const string Reminders = "reminders";
    /// <summary>SQLite only, where there is one instance: its lease is always held.</summary>
    public const string SqliteCheckpointer = "sqlite-checkpointer";

    /// <summary>The jobs leased on PostgreSQL, where several instances may run.</summary>
    public static readonly IReadOnlyList<string> Leased = [HoldSweeper, PaymentReconciler, TicketMailer, Reminders];
}
