using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tidegate.Server.Infrastructure;

/// <summary>
/// Each settings section is an options class holding its defaults, bound once and checked when the
/// host starts: a bad value (a negative interval, say) stops the start with a message naming the
/// setting ("Tidegate:Queue:TickMilliseconds: The field … must be between …"). What runs before the
/// host is built (ProductionGuard, ServerFiles, DataFolder, the data directory and the dev clock's
/// start in ServerSetup) still reads IConfiguration directly: there is no container to ask yet.
/// </summary>
public static class Settings
{
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
        // The class itself is injectable too: services take BookingOptions, not IOptions<BookingOptions>.
        return services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
    }

    /// <summary>
    /// Checks every section now, before the database is migrated or seeded; true (with one critical log
    /// line naming each bad setting, and exit code 78 like <see cref="ProductionGuard"/>) when it must not start.
    /// </summary>
    public static bool Refuse(WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return false;
        }
        catch (OptionsValidationException e)
        {
            ProductionGuard.Refuse(ProductionGuard.ExitCode, "Refusing to start: {Invalid}", string.Join("; ", e.Failures));
            return true;
        }
    }

    /// <summary>The data annotations of <typeparamref name="T"/>, each failure named by its full setting path.</summary>
    private sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            return Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(results.Select(r => $"{section}:{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}"));
        }
    }
}
