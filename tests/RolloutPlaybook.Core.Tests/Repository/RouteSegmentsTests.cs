using System;
using System.Linq;
using RolloutPlaybook.Core.Repository;

namespace RolloutPlaybook.Core.Tests.Repository
{
    /// <summary>A route file's plan path segments, from the one-pass reader, equal the split-and-filter reading.</summary>
    public sealed class RouteSegmentsTests
    {
        private static string Reference(string root, string folder)
        {
            if (folder.Length <= root.Length) return "";
            var parts = folder.Substring(root.Length).Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries)
                .Where(s => !(s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal)) && !s.StartsWith("@", StringComparison.Ordinal));
            return string.Join("/", parts);
        }

        [Theory]
        [InlineData("/r/app/api", "/r/app/api")]
        [InlineData("/r/app/api", "/r/app/api/slack")]
        [InlineData("/r/app/api", "/r/app/api/(group)/slack/@slot/[id]")]
        [InlineData("/r/app/api", "/r/app/api/(/)/()/@/x(y)/(a)b/a(b)")]
        [InlineData("/r/app/api", "/r/app/api//a\\b//")]
        public void SegmentsAreTheSplitReading(string root, string folder) => Assert.Equal(Reference(root, folder), RouteInventory.RelativeSegments(root, folder));

        [Fact]
        public void RandomFoldersReadTheSame()
        {
            var random = new Random(18);
            const string alphabet = "ab()@/\\[].";
            for (int n = 0; n < 20000; n++)
            {
                var tail = new string(Enumerable.Range(0, random.Next(12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
                var folder = "/root" + tail;
                Assert.Equal(Reference("/root", folder), RouteInventory.RelativeSegments("/root", folder));
            }
        }
    }
}
