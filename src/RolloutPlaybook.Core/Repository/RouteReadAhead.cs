using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace RolloutPlaybook.Core.Repository
{
    /// <summary>
    /// A route file read, lexed and indexed, not yet analysed: what <see cref="RouteInventory"/> makes of a file before
    /// the analysis, from the file alone (nothing of the run is shared but the file system).
    /// </summary>
    internal sealed class PreparedRoute
    {
        public PreparedRoute(ScriptSource? source, ScriptModule? module, string relative, System.Collections.Generic.IReadOnlyList<EnvRead>? envReads,
            bool anyMethod, bool branches, bool pages)
        {
            Source = source; Module = module; Relative = relative; EnvReads = envReads; AnyMethod = anyMethod; Branches = branches; Pages = pages;
        }

        /// <summary>The lexed text (a Pages Router file: its handler module), or null when it could not be read.</summary>
        public ScriptSource? Source { get; private set; }

        /// <summary>Lets the lexed text go once the file is analysed and nobody asks for it (a module keeps its own reference).</summary>
        public void ForgetSource() => Source = null;
        /// <summary>The module of <see cref="Source"/>, made with names of the preparing thread; null without code analysis.</summary>
        public ScriptModule? Module { get; }
        public string Relative { get; }
        public System.Collections.Generic.IReadOnlyList<EnvRead>? EnvReads { get; }
        public bool AnyMethod { get; }
        public bool Branches { get; }
        /// <summary>A Pages Router file (its module is a rewritten one, never kept under the file's path).</summary>
        public bool Pages { get; }
    }

    /// <summary>
    /// Lists and prepares route files on a second thread while the scan's thread analyses them (<see cref="Take"/>).
    /// Listing, reading and lexing a file need nothing of the analysis, and the analysis needs every file in turn, so
    /// the two overlap: on the 500-route benchmark the scan's thread no longer waits for the kernel.
    /// <para>
    /// The second thread runs the listing, which is one chain of folder reads, and prepares the files found in the time
    /// it has left: only files at least <see cref="Lead"/> places ahead of the one the scan's thread is at. The scan's
    /// thread takes the files in the listing's order; one nobody has claimed yet it prepares itself, instead of waiting.
    /// Each file is handed over once (a file listed twice, through overlapping connector folders, as its first sighting
    /// listed it) and prepared once, by whichever thread claims it first. A preparation is a function of the file alone,
    /// so the results are the same bytes whichever thread made them and in whatever order.
    /// </para>
    /// <para>
    /// An exception while preparing a file is handed over with it (<see cref="RouteInventory"/> throws it, as any
    /// exception of a file's analysis, when it builds that file's route: in plan-path order, as the one-thread scan
    /// meets it); an exception of the listing itself is thrown by <see cref="ThrowIfListingFailed"/>.
    /// <see cref="Dispose"/> stops the second thread and waits for it, so nothing is read after the scan returns, and an
    /// exception on the scan's thread leaves no thread behind.
    /// </para>
    /// </summary>
    internal sealed class RouteReadAhead : IDisposable
    {
        /// <summary>The second thread's name (what a debugger, <c>ps -T</c> or /proc/*/task/*/comm shows; at most 15 characters there).</summary>
        internal const string ThreadName = "rp-read-ahead";

        /// <summary>How far ahead of the scan's thread the second thread prepares files (the nearer ones are left to the scan's thread).</summary>
        internal const int Lead = 2;

        /// <summary>
        /// At most this many files past the scan's thread are prepared. Unbounded, the second thread ran hundreds of files
        /// ahead on the 20,000-file benchmark (whose files take long to analyse), and the gate measured slower than on one
        /// thread, with more gen1 and gen2 collections: files prepared long before they are analysed are still young when
        /// the collector runs, and are promoted with all they hold. Bounded, the two measure the same there, and the
        /// 500-route benchmark keeps its gain.
        /// </summary>
        internal const int Window = 8;

        private const int Unclaimed = 0, Claimed = 1, Done = 2;

        private readonly Action<Action<string, bool>, CancellationToken> list;
        // Cancelled with the scan's token, or when the scan's thread stops first (Dispose): the listing checks it in every folder.
        private readonly CancellationTokenSource listing;
        private readonly Func<string, bool, NameTable, PreparedRoute> prepare;
        private readonly NameTable scanNames;
        private readonly List<Slot> slots = new List<Slot>();
        private readonly object sync = new object();
        private readonly Thread thread;
        private volatile bool stopping;
        // The file the scan's thread is at (read and written under sync).
        private int consumer;
        private bool listed, asideWaiting;
        private ExceptionDispatchInfo? listingFailed;

        private sealed class Slot
        {
            public Slot(string file, bool listedRegular) { File = file; ListedRegular = listedRegular; }
            public readonly string File;
            public readonly bool ListedRegular;
            public int State;
            public PreparedRoute? Prepared;
            public ExceptionDispatchInfo? Failure;
        }

        /// <param name="list">
        /// The listing: calls its first argument with each route file found and whether it was listed as a regular file,
        /// and stops with an <see cref="OperationCanceledException"/> when its token is cancelled.
        /// </param>
        /// <param name="prepare">Reads, lexes and indexes one file, making names in the given table.</param>
        /// <param name="scanNames">The scan thread's name table (the graph's), for the files the scan's thread prepares itself.</param>
        /// <param name="cancel">The scan's token.</param>
        public RouteReadAhead(Action<Action<string, bool>, CancellationToken> list, Func<string, bool, NameTable, PreparedRoute> prepare, NameTable scanNames,
            CancellationToken cancel)
        {
            this.list = list; this.prepare = prepare; this.scanNames = scanNames;
            listing = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
            thread.Start();
        }

        /// <summary>How many files the second thread prepared (for tests: the read-ahead really ran).</summary>
        public int PreparedAside { get; private set; }

        private void Run()
        {
            // The second thread's own names (a NameTable is not shared between threads); a module is given the scan's
            // table when it is handed over (ModuleGraph.Adopt).
            var names = new NameTable();
            // A file listed twice (overlapping connector folders) is handed over once, as its first sighting listed it.
            var listedFiles = new HashSet<string>(StringComparer.Ordinal);
            int cursor = 0, aside = 0;
            // Prepares the first unclaimed file from Lead places past the scan's thread on, not past the window (up to
            // `limit` of them); with `wait`, waits for the scan's thread to move on when the window is full.
            void PrepareAhead(int limit, bool wait)
            {
                for (int done = 0; done < limit && !stopping;)
                {
                    Slot slot;
                    lock (sync)
                    {
                        cursor = Math.Max(cursor, consumer + Lead);
                        if (cursor >= slots.Count) return;
                        if (cursor > consumer + Window)
                        {
                            if (!wait) return;
                            asideWaiting = true;
                            Monitor.Wait(sync);
                            asideWaiting = false;
                            continue;
                        }
                        slot = slots[cursor++];
                    }
                    if (Interlocked.CompareExchange(ref slot.State, Claimed, Unclaimed) != Unclaimed) continue;
                    Fill(slot, names);
                    aside++; done++;
                }
            }
            try
            {
                try
                {
                    list((file, listedRegular) =>
                    {
                        listing.Token.ThrowIfCancellationRequested();
                        if (!listedFiles.Add(file)) return;
                        lock (sync)
                        {
                            slots.Add(new Slot(file, listedRegular));
                            Monitor.PulseAll(sync);
                        }
                        PrepareAhead(1, wait: false);
                    }, listing.Token);
                }
                // Stopped by Dispose: the scan's thread has already thrown, and nobody asks for the listing any more.
                catch (OperationCanceledException) when (stopping) { }
                catch (Exception ex) { listingFailed = ExceptionDispatchInfo.Capture(ex); }
                lock (sync)
                {
                    listed = true;
                    Monitor.PulseAll(sync);
                }
                PrepareAhead(int.MaxValue, wait: true);
            }
            finally
            {
                lock (sync) PreparedAside = aside;
            }
        }

        private void Fill(Slot slot, NameTable names)
        {
            try { slot.Prepared = prepare(slot.File, slot.ListedRegular, names); }
            catch (Exception ex) { slot.Failure = ExceptionDispatchInfo.Capture(ex); }
            lock (sync)
            {
                Volatile.Write(ref slot.State, Done);
                Monitor.PulseAll(sync);
            }
        }

        /// <summary>
        /// File <paramref name="index"/> of the listing, prepared (by the second thread, waited for if it is on it, or
        /// here), with its preparation's exception; false when the listing has ended with fewer files.
        /// </summary>
        public bool Take(int index, out string file, out PreparedRoute? prepared, out ExceptionDispatchInfo? failure)
        {
            Slot slot;
            lock (sync)
            {
                consumer = index;
                // The second thread may be waiting for the window to move.
                if (asideWaiting) Monitor.PulseAll(sync);
                while (index >= slots.Count && !listed) Monitor.Wait(sync);
                if (index >= slots.Count) { file = null!; prepared = null; failure = null; return false; }
                slot = slots[index];
            }
            if (Interlocked.CompareExchange(ref slot.State, Claimed, Unclaimed) == Unclaimed) Fill(slot, scanNames);
            else if (Volatile.Read(ref slot.State) != Done)
                lock (sync)
                    while (Volatile.Read(ref slot.State) != Done) Monitor.Wait(sync);
            file = slot.File; prepared = slot.Prepared; failure = slot.Failure;
            slot.Prepared = null;
            return true;
        }

        /// <summary>After <see cref="Take"/> returned false: the listing's own exception, if it threw one.</summary>
        public void ThrowIfListingFailed()
        {
            lock (sync) listingFailed?.Throw();
        }

        public void Dispose()
        {
            lock (sync)
            {
                stopping = true;
                Monitor.PulseAll(sync);
            }
            listing.Cancel();
            thread.Join();
            listing.Dispose();
        }
    }
}
