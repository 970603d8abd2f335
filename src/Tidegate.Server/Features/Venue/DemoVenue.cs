using System.Globalization;
using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;

namespace Tidegate.Server.Features.Venue;

/// <summary>
/// On an empty database, creates the venue row with its prices and holidays, so a fresh start is
/// usable at once: the <see cref="VenueSettings"/> and <see cref="PriceList.SameshineDefaults"/>
/// defaults (SPEC §3), overridden by whatever Tidegate:Venue sets. This is the only reader of that
/// section's venue numbers; from then on the row rules and configuration no longer matters.
/// </summary>
public sealed class DemoVenue(Db db, IConfiguration config, TimeProvider clock, ILogger<DemoVenue> logger)
{
    public async Task SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var write = await db.BeginWriteAsync(ct);
        var (connection, tx) = write;
        if (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM venue", transaction: tx) > 0) return;

        var section = config.GetSection("Tidegate:Venue");
        var settings = section.Get<VenueSettings>() ?? new VenueSettings();
        VenueTime.Of(settings.TimeZone); // fail at start, not at the first request, on an unknown zone
        await connection.ExecuteAsync("""
            INSERT INTO venue (id, name, time_zone, opens, closes, slot_minutes, last_entry_minutes, slot_capacity,
                               box_office_percent, hold_minutes, max_party_size, created_at)
            VALUES (@Id, @Name, @TimeZone, @Opens, @Closes, @SlotMinutes, @LastEntryMinutes, @SlotCapacity,
                    @BoxOfficePercent, @HoldMinutes, @MaxPartySize, @CreatedAt)
            """, VenueRow.From(settings, clock.GetUtcNow()), tx);

        var prices = PriceList.SameshineDefaults().Prices.Select(p => new
        {
            TicketType = p.Key.Item1.ToString().ToLowerInvariant(),
            DayKind = p.Key.Item2.ToString().ToLowerInvariant(),
            Amount = section.GetValue<int?>($"Prices:{p.Key.Item1}:{p.Key.Item2}") ?? p.Value,
        });
        await connection.ExecuteAsync("INSERT INTO prices (ticket_type, day_kind, amount) VALUES (@TicketType, @DayKind, @Amount)", prices, tx);

        var holidays = section.GetSection("Holidays").GetChildren()
            .Select(h => new { VisitDate = DateOnly.Parse(h.Key, CultureInfo.InvariantCulture), Name = h.Value ?? "" });
        await connection.ExecuteAsync("INSERT INTO holidays (visit_date, name) VALUES (@VisitDate, @Name)", holidays, tx);
        await tx.CommitAsync(ct);
        logger.LogInformation("Created the demo venue {Venue}", settings.Name);
    }
}
