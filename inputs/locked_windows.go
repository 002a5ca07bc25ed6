//go:build windows

package inputs

import (
	"errors"

	"golang.org/x/sys/windows"
)

// platformLocked reports the errors Windows gives for a file that another
// program (Excel, a PDF viewer) holds open.
func platformLocked(err error) bool {
	return errors.Is(err, windows.ERROR_SHARING_VIOLATION) || errors.Is(err, windows.ERROR_LOCK_VIOLATION)
}
