using Doppel.Neural;

namespace Doppel.Tests.Neural;

public class EarlyStoppingTests
{
    [Fact]
    public void Stops_after_patience_epochs_without_a_real_improvement_and_never_without_patience()
    {
        var stopping = new EarlyStopping(2);
        stopping.ShouldStop(10).ShouldBeFalse();
        stopping.ShouldStop(9).ShouldBeFalse();
        stopping.ShouldStop(8.999).ShouldBeFalse(); // less than 0.1% better: stale 1
        stopping.ShouldStop(9.5).ShouldBeTrue();    // stale 2
        var never = new EarlyStopping(null);
        for (int i = 0; i < 100; i++) never.ShouldStop(5).ShouldBeFalse();
    }
}
