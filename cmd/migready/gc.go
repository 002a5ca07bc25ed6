package main

import (
	"os"
	"runtime/debug"
)

// tuneGC tunes the garbage collector for a batch of jobs: a pack allocates
// much and keeps little, so collecting at 4× the live heap instead of 2×
// saves CPU time, and a soft memory limit per job, which a batch reaches in
// normal work, makes its peak memory follow -jobs, not the number of
// customers or chance (docs/performance.md has the figures). A customer
// larger than the limit still gets its memory; the runtime then collects
// more often for it. GOGC or GOMEMLIMIT set by the user win. It returns the
// function that restores the settings.
//
// The tuning is for the whole command: tuning inside load, which every job
// of a batch calls, let overlapping jobs restore each other's settings.
func tuneGC(jobs int) func() { return tuneGCLimit(300, int64(jobs)*memoryPerJob) }

// tuneGCOne is tuneGC for check and pack, one customer of any size: the
// garbage collector runs only when the heap reaches the soft limit
// memoryOne. A process of one customer keeps most of what it allocates
// until it ends: checking 50,000 users allocates about 70 MB and collected
// twice for 7 MB less at the peak, a fifth of its instructions (callgrind:
// 705 million instead of 870–910), and a pack of Harbour & Finch a tenth
// (386 instead of 428–455) for 6 MB. A customer larger than the limit is
// collected as before. With GOMEMLIMIT set by the user (it may be off) the
// collector runs at 4× the live heap, as before.
func tuneGCOne() func() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return tuneGCLimit(300, memoryOne)
	}
	return tuneGCLimit(-1, memoryOne)
}

// memoryPerJob is the soft memory limit of a batch per job (see tuneGC):
// a typical customer's pack (a few hundred users) keeps 10–15 MB and
// allocates about 40 MB, since the published fpdf parses each face it
// embeds for every document. With 32 MiB a job, 200 customers with -jobs 2
// took 222 collections and 6.6 s of collector time, with 64 MiB 105 and
// 2.9 s (GODEBUG=gctrace=1), peaking at 123 MB instead of 74.
const memoryPerJob = 64 << 20

// memoryOne is check's and pack's soft memory limit (see tuneGCOne): the
// 50,000-user pack peaks at about 120 MB with it, check at 70 MB.
const memoryOne = 128 << 20

func tuneGCLimit(percent int, limit int64) func() {
	restore := []func(){}
	if os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(percent)
		restore = append(restore, func() { debug.SetGCPercent(old) })
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(limit)
		restore = append(restore, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range restore {
			f()
		}
	}
}
