//go:build !windows

package inputs

// platformLocked: outside Windows, an open file does not stop others
// reading or replacing it.
func platformLocked(err error) bool { return false }
