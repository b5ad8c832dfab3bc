using BenchmarkDotNet.Running;

namespace RolloutPlaybook.Benchmarks
{
    public static class Program
    {
        public static int Main(string[] args)
        {
            // --differential <folder>: the byte-for-byte snapshot of a refactoring (Differential.cs), not a benchmark.
            if (args.Length == 2 && args[0] == "--differential") return Differential.Run(args[1]);
            // --dump-gate, --dump-draft, --lex-speed, ...: the tool modes (Tools.cs, bench/README.md "Tools"), not benchmarks either.
            if (Tools.Run(args) is int exit) return exit;
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
            return 0;
        }
    }
}
