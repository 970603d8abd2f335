using Dapper;
using Tidegate.Domain.Booking;
using Tidegate.Domain.Venue;
using Tidegate.Server.Data;
using Tidegate.Server.Features.Venue;

namespace Tidegate.Server.Features.BoxOffice;

/// <summary>
/// What the box office sells from today: the slots not yet ended with their walk-in places left,
/// today's prices, and the day's tally of walk-in sales (for the console's box-office page).
/// </summary>
public sealed class BoxOfficeDay(Db db, VenueStore venues, SlotStore slots, TimeProvider clock)
{
    public sealed record SlotLeft(string Start, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int WalkInLeft, bool Current);

    public sealed record TypeTally(TicketType Type, int Persons, int Amount);

    public sealed record Tally(int Sales, int Persons, int Amount, IReadOnlyList<TypeTally> ByType);

    public sealed record Day(DateOnly Date, bool Open, IReadOnlyList<SlotLeft> Slots, IReadOnlyDictionary<TicketType, int> Prices, int MaxParty, Tally Tally);

    /// <summary>Slots shown at once: the one under way and the next ones.</summary>
    public const int SlotsShown = 8;

    public async Task<Day> ExecuteAsync(CancellationToken ct)
    {
        var calendar = await venues.GetAsync(ct);
        var now = clock.GetUtcNow();
        var today = calendar.Time.Today(now);
        var plan = calendar.Day(today);
        var prices = Enum.GetValues<TicketType>().ToDictionary(t => t, t => calendar.Prices.PriceOf(t, today));
        var shown = new List<SlotLeft>();
        if (plan.IsOpen)
        {
            await slots.EnsureAsync(calendar, today, ct);
            var share = (await WalkInShare.ReadAsync(today, db, ct)).ToDictionary(s => s.StartMinute);
            var box = calendar.Capacity(today);
            foreach (var slot in calendar.Slots(today).Where(s => calendar.Time.End(s) > now).Take(SlotsShown))
            {
                var left = share.TryGetValue(slot.StartMinute, out var c) ? c.Left : box.BoxOffice;
                shown.Add(new SlotLeft(slot.Start.ToString("HH\\:mm"), calendar.Time.Start(slot), calendar.Time.End(slot), left,
                    calendar.Time.Start(slot) <= now));
            }
        }
        return new Day(today, plan.IsOpen, shown, prices, calendar.Settings.MaxPartySize, await TallyAsync(today, prices, ct));
    }

    /// <summary>
    /// Walk-in sales of the date. Amounts by type are counts at today's prices (a booking stores its
    /// total, not a split); the total is what was charged.
    /// </summary>
    private async Task<Tally> TallyAsync(DateOnly date, IReadOnlyDictionary<TicketType, int> prices, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var sums = await connection.QuerySingleAsync<Sums>(new CommandDefinition(BoxOfficeSql.Tally, new { VisitDate = date }, cancellationToken: ct));
        var counts = new TicketCounts((int)sums.Adults, (int)sums.Children, (int)sums.Infants, (int)sums.Toddlers);
        var byType = Enum.GetValues<TicketType>().Select(t => new TypeTally(t, counts.Of(t), counts.Of(t) * prices[t])).ToList();
        return new Tally((int)sums.Sales, counts.Persons, (int)sums.Amount, byType);
    }

    private sealed class Sums
    {
        public long Sales { get; set; }
        public long Adults { get; set; }
        public long Children { get; set; }
        public long Infants { get; set; }
        public long Toddlers { get; set; }
        public long Amount { get; set; }
    }
}
