namespace Tidegate.Server.Infrastructure.Jobs;

public static class JobLeaseSetup
{
    public static IServiceCollection AddJobLeases(this IServiceCollection services) => services
        .AddSettings<JobLeaseOptions>(JobLeaseOptions.Section)
        .AddSingleton<JobLeases>()
        .AddHostedService(sp => sp.GetRequiredService<JobLeases>());
}
