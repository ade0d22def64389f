using Doppel.Statistics;

namespace Doppel.Tests.Statistics;

public class InformationTests
{
    [Fact]
    public void Entropy_and_mutual_information_match_hand_computed_values()
    {
        int[] a = [0, 0, 1, 1], copy = [1, 1, 0, 0], independent = [0, 1, 0, 1];
        Information.Entropy(a, 2).ShouldBe(Math.Log(2), 1e-12);
        Information.Entropy([0, 0, 0, 0], 3).ShouldBe(0);
        int[][] states = [a, copy, independent];
        int[] sizes = [2, 2, 2];
        // A column fully determined by another shares all its entropy; an independent one shares none.
        Information.MutualInformation(states, sizes, 0, [1]).ShouldBe(Math.Log(2), 1e-12);
        Information.MutualInformation(states, sizes, 0, [2]).ShouldBe(0, 1e-12);
        // Two parents that together determine the node: still ln 2; no parents: 0.
        Information.MutualInformation(states, sizes, 0, [1, 2]).ShouldBe(Math.Log(2), 1e-12);
        Information.MutualInformation(states, sizes, 0, []).ShouldBe(0);
    }
}
