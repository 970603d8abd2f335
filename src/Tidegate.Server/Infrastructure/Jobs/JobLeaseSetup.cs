namespace Tidegate.Server.Infrastructure.Jobs;

public static class JobLeaseSetup
{
    public static IServiceCollection AddJobLeases(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Tidegate:Jobs").Get<JobLeaseOptions>() ?? new JobLeaseOptions();
        if (options.LeaseSeconds <= 0 || options.RenewSeconds <= 0)
            throw new InvalidOperationException("Tidegate:Jobs:LeaseSeconds and RenewSeconds must be positive.");
        return services.AddSingleton(options).AddSingleton<JobLeases>().AddHostedService(sp => sp.GetRequiredService<JobLeases>());
    }
}
