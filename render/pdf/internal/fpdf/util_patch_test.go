// Copyright ©2026 The migready Authors. A test of a patch (see PATCHES.md),
// released under fpdf's MIT licence.

package fpdf

import (
	"math/rand"
	"testing"
)

// TestPutNextKey: put(nil, v) takes the smallest free integer key, as
// upstream's search did, whatever put, pop and delete left in the map.
func TestPutNextKey(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for round := 0; round < 200; round++ {
		var m untypedKeyMap
		for op := 0; op < 60; op++ {
			switch rng.Intn(6) {
			case 0:
				m.put("interval", 1)
			case 1:
				if len(m.keySet) > 0 {
					m.pop()
				}
			case 2:
				m.delete(rng.Intn(8))
			default:
				want := 0
				for m.getIndex(want) >= 0 {
					want++
				}
				m.put(nil, op)
				if got := m.keySet[len(m.keySet)-1]; got != want {
					t.Fatalf("round %d: put(nil) took key %v, want %d (keys before: %v)", round, got, want, m.keySet[:len(m.keySet)-1])
				}
			}
		}
	}
}
