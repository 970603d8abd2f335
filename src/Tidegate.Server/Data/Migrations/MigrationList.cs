namespace Tidegate.Server.Data.Migrations;

/// <summary>Every migration in order. Append; never edit one that has shipped.</summary>
public static class MigrationList
{
    public static readonly IReadOnlyList<Migration> All =
    [
        M001_Core.Migration,
        M002_Payments.Migration,
        M003_Tickets.Migration,
        M004_WaitingRoom.Migration,
        M005_BookingLanguage.Migration,
        M006_ScaleOut.Migration,
        M007_Staff.Migration,
        M008_Devices.Migration,
        M009_Audit.Migration,
        M013_StaffSetup.Migration,
        M014_ConflictResolution.Migration,
        M016_MailKinds.Migration,
        M017_BookingConsent.Migration,
        M018_FindBookingThrottle.Migration,
    ];

    public static int Latest => All[^1].Version;
}
