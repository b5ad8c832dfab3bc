using BenchmarkDotNet.Running;

namespace RolloutPlaybook.Benchmarks
{
    public static class Program
    {
        public static void Main(string[] args) { if (args.Length > 0 && args[0] == "scratch") { ScratchProfile.Run(); return; } if (args.Length > 0 && args[0] == "micro") { ScratchMicro.Run(); return; } BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args); }
    }
}
