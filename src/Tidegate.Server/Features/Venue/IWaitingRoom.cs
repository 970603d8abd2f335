namespace Tidegate.Server.Features.Venue;

/// <summary>
/// What the calendar and day pages need to know of the waiting room (Queue implements it; Venue
/// sits below Queue and cannot call it): whether a date goes through the line at a moment, and
/// whether a visitor's admission (the page's tg-admission cookie) lets them past it.
/// </summary>
public interface IWaitingRoom
{
    public const string AdmissionCookie = "tg-admission";

    bool Guards(DateOnly date, DateTimeOffset opensAt, DateTimeOffset at);

    bool Admits(string? admissionToken, DateOnly date, DateTimeOffset opensAt, DateTimeOffset now);
}
