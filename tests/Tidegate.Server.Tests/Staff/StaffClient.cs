using System.Net.Http.Headers;

namespace Tidegate.Server.Tests.Staff;

/// <summary>Staff accounts made through the API (by a dev admin token) and signed in like a person.</summary>
public static class StaffClient
{
    public const string Password = "sharks-and-rays-at-10";

    public static async Task<HttpClient> DevAsync(this TestApp app, string role)
    {
        var client = app.CreateClient();
        var token = (string)(await client.PostJson("/api/v1/dev/token", new { role }).ExpectJson(HttpStatusCode.OK))["token"]!;
        return app.Bearer(token);
    }

    public static HttpClient Bearer(this TestApp app, string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<string> CreateStaffAsync(this TestApp app, string email, string role, string password = Password)
    {
        var admin = await app.DevAsync("admin");
        var body = await admin.PostJson("/api/v1/admin/staff", new { email, name = "Test " + role, role, password })
            .ExpectJson(HttpStatusCode.Created);
        return (string)body["staffId"]!;
    }

    public static Task<HttpResponseMessage> SignInAsync(this TestApp app, string email, string password = Password, string? otp = null) =>
        app.CreateClient().PostJson("/api/v1/staff/session", new { email, password, otp });

    /// <summary>Signs in and answers a client carrying the session's bearer token.</summary>
    public static async Task<HttpClient> SignedInAsync(this TestApp app, string email, string password = Password, string? otp = null)
    {
        var body = await app.SignInAsync(email, password, otp).ExpectJson(HttpStatusCode.OK);
        return app.Bearer((string)body["token"]!);
    }

    /// <summary>Enrols the signed-in person's authenticator; answers the secret and the recovery codes.</summary>
    public static async Task<(string Secret, List<string> RecoveryCodes)> EnrolAsync(this TestApp app, HttpClient signedIn)
    {
        var enrolment = await signedIn.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectJson(HttpStatusCode.OK);
        var secret = (string)enrolment["secret"]!;
        var confirmed = await signedIn.PostJson("/api/v1/staff/otp/confirm", new { otp = app.CodeNow(secret) }).ExpectJson(HttpStatusCode.OK);
        return (secret, confirmed["recoveryCodes"]!.AsArray().Select(c => (string)c!).ToList());
    }

    /// <summary>The code the person's authenticator app shows now, by the app's clock.</summary>
    public static string CodeNow(this TestApp app, string secret, int stepsFromNow = 0) =>
        Tidegate.Server.Features.Staff.OtpCodes.CodeAt(secret, app.Clock.GetUtcNow().AddSeconds(30 * stepsFromNow));

    /// <summary>A person's account ready to sign in: its password and, when enrolled, its authenticator's key.</summary>
    public sealed record ReadyStaff(TestApp App, string StaffId, string Email, string Password, string? Secret)
    {
        private bool _used;

        /// <summary>
        /// The authenticator's code for the next sign-in. Each time step's code is accepted once and
        /// enrolment used the current one, so the first call gives the next step's (inside the allowed
        /// drift); later calls first move the app clock on by a step.
        /// </summary>
        public string? NextCode()
        {
            if (Secret is null) return null;
            if (_used) App.Clock.Advance(TimeSpan.FromSeconds(30));
            _used = true;
            return App.CodeNow(Secret, 1);
        }
    }

    /// <summary>
    /// A new account of <paramref name="role"/> with its set-up done: admins and operators get an
    /// authenticator enrolled (the second factor their roles require).
    /// </summary>
    public static async Task<ReadyStaff> ReadyStaffAsync(this TestApp app, string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@staff.example.jp";
        var staffId = await app.CreateStaffAsync(email, role);
        string? secret = null;
        if (role is "admin" or "operator")
            (secret, _) = await app.EnrolAsync(await app.SignedInAsync(email));
        return new ReadyStaff(app, staffId, email, Password, secret);
    }
}
