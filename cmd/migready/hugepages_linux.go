package main

import (
	"runtime"
	"sync"

	"golang.org/x/sys/unix"
)

// hugePages asks Linux to back the heap check and pack grow into with
// transparent huge pages (2 MB), where it would give 4 kB pages one page
// fault at a time: a process of one customer keeps nearly all it allocates
// (tuneGCOne), and the kernel's page faults for a 50,000-user check's
// 63 MB of new memory were a fifth to a third of its processor time. Go's
// runtime no longer asks for huge pages itself, and most Linux systems
// give them only where asked (transparent_hugepage "madvise").
//
// The runtime puts new objects in the lowest free pages of the heap, so a
// block of heapAdvised bytes is allocated (fresh from the system, never
// touched), advised, and freed again by a collection on the second core:
// the allocations that follow it fill the block.
// Where huge pages are off, or none is free, the kernel gives 4 kB pages
// as before. Only once per process.
var hugePages = sync.OnceFunc(func() {
	b := make([]byte, heapAdvised)
	_ = unix.Madvise(b, unix.MADV_HUGEPAGE)
	b = nil
	go runtime.GC() // its few milliseconds beside the reading of the inputs
})

// heapAdvised is a little more than a 50,000-user check allocates, and
// well within memoryOne, so that the runtime never returns the block to
// the system to keep under the limit.
const heapAdvised = 64 << 20
