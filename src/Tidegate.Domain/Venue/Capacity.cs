namespace Tidegate.Domain.Venue;

/// <summary>How a slot's places are split between online sale and the box office.</summary>
public readonly record struct CapacitySplit(int Total, int Online, int BoxOffice)
{
    public static CapacitySplit Of(int total, int boxOfficePercent)
    {
        var boxOffice = total * boxOfficePercent / 100;
        return new CapacitySplit(total, total - boxOffice, boxOffice);
    }
}
