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
// garbage collector runs a quarter as often, up to a soft limit of
// memoryOne.
func tuneGCOne() func() { return tuneGCLimit(300, memoryOne) }

// memoryPerJob is the soft memory limit of a batch per job (see tuneGC):
// a typical customer's pack (a few hundred users) needs 10–15 MB.
const memoryPerJob = 32 << 20

// memoryOne is check's and pack's soft memory limit (see tuneGCOne): the
// 50,000-user pack peaks at about 100 MB without it.
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
