using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;

namespace Tidegate.Server.Tests.Staff;

/// <summary>
/// Staff accounts made through the API (by a dev admin token) and signed in like a person: the
/// one-time password changed, and for an admin or operator the authenticator enrolled at the first
/// sign-in. The helper keeps each enrolled person's secret and recovery codes, and signs in again
/// with the next unused recovery code (a code of the app would need the clock moved between sign-ins).
/// </summary>
public static class StaffClient
{
    public const string Password = "sharks-and-rays-at-10";

    private sealed record Factor(string Secret, ConcurrentQueue<string> RecoveryCodes);
    private static readonly ConditionalWeakTable<TestApp, ConcurrentDictionary<string, Factor>> Factors = new();

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

    /// <summary>Creates the account with a one-time password, as an admin does, and has its person change it to <paramref name="password"/>.</summary>
    public static async Task<string> CreateStaffAsync(this TestApp app, string email, string role, string password = Password)
    {
        var oneTime = "one-time-" + Guid.NewGuid().ToString("N");
        var staffId = await app.CreateWithOneTimePasswordAsync(email, role, oneTime);
        var setup = await app.SignInAsync(email, oneTime).ExpectJson(HttpStatusCode.OK);
        Assert.Equal("password", (string?)setup["setupRequired"]![0]);
        var session = app.Bearer((string)setup["token"]!);
        var changed = await session.PostJson("/api/v1/staff/password", new { currentPassword = oneTime, newPassword = password });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        await SignOutAsync(session);
        return staffId;
    }

    /// <summary>Creates the account as an admin does (POST /api/v1/admin/staff) and leaves it with that one-time password.</summary>
    public static async Task<string> CreateWithOneTimePasswordAsync(this TestApp app, string email, string role, string oneTimePassword)
    {
        var admin = await app.DevAsync("admin");
        var body = await admin.PostJson("/api/v1/admin/staff", new { email, name = "Test " + role, role, password = oneTimePassword })
            .ExpectJson(HttpStatusCode.Created);
        return (string)body["staffId"]!;
    }

    public static Task<HttpResponseMessage> SignInAsync(this TestApp app, string email, string password = Password, string? otp = null) =>
        app.CreateClient().PostJson("/api/v1/staff/session", new { email, password, otp });

    /// <summary>Signs in to a full session (enrolling the authenticator first where the role needs one) and answers its token.</summary>
    public static async Task<string> SignedInTokenAsync(this TestApp app, string email, string password = Password)
    {
        var factors = Factors.GetOrCreateValue(app);
        var body = await app.SignInAsync(email, password, NextRecoveryCode(factors, email)).ExpectJson(HttpStatusCode.OK);
        var setup = body["setupRequired"]!.AsArray().Select(s => (string)s!).ToList();
        if (setup.Contains("second_factor"))
        {
            var session = app.Bearer((string)body["token"]!);
            await app.EnrolAsync(session, email);
            await SignOutAsync(session);
            body = await app.SignInAsync(email, password, NextRecoveryCode(factors, email)).ExpectJson(HttpStatusCode.OK);
            setup = body["setupRequired"]!.AsArray().Select(s => (string)s!).ToList();
        }
        Assert.True(setup.Count == 0, $"setup left: {string.Join(", ", setup)}");
        return (string)body["token"]!;
    }

    /// <summary>Signs in to a full session and answers a client carrying its bearer token.</summary>
    public static async Task<HttpClient> SignedInAsync(this TestApp app, string email, string password = Password) =>
        app.Bearer(await app.SignedInTokenAsync(email, password));

    /// <summary>Enrols the signed-in person's authenticator; answers the secret and the recovery codes (kept for later sign-ins when the email is given).</summary>
    public static async Task<(string Secret, List<string> RecoveryCodes)> EnrolAsync(this TestApp app, HttpClient signedIn, string? email = null)
    {
        var enrolment = await signedIn.PostJson("/api/v1/staff/otp/enrol", new { }).ExpectJson(HttpStatusCode.OK);
        var secret = (string)enrolment["secret"]!;
        var confirmed = await signedIn.PostJson("/api/v1/staff/otp/confirm", new { otp = app.CodeNow(secret) }).ExpectJson(HttpStatusCode.OK);
        var codes = confirmed["recoveryCodes"]!.AsArray().Select(c => (string)c!).ToList();
        if (email is not null) Factors.GetOrCreateValue(app)[Key(email)] = new Factor(secret, new ConcurrentQueue<string>(codes));
        return (secret, codes);
    }

    /// <summary>The code the person's authenticator app shows now, by the app's clock.</summary>
    public static string CodeNow(this TestApp app, string secret, int stepsFromNow = 0) =>
        Tidegate.Server.Features.Staff.OtpCodes.CodeAt(secret, app.Clock.GetUtcNow().AddSeconds(30 * stepsFromNow));

    /// <summary>Ends a setup session once its step is done, as the console does, so tests count only the sessions they open.</summary>
    private static async Task SignOutAsync(HttpClient session) =>
        Assert.Equal(HttpStatusCode.NoContent, (await session.DeleteAsync("/api/v1/staff/session")).StatusCode);

    private static string? NextRecoveryCode(ConcurrentDictionary<string, Factor> factors, string email) =>
        factors.TryGetValue(Key(email), out var factor) && factor.RecoveryCodes.TryDequeue(out var code) ? code : null;

    private static string Key(string email) => email.Trim().ToLowerInvariant();

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
            (secret, _) = await app.EnrolAsync(await app.SignedInAsync(email), email);
        return new ReadyStaff(app, staffId, email, Password, secret);
    }
}
