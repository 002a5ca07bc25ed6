//go:build windows

package main

import (
	"errors"
	"syscall"
)

// isSharingViolation reports a file another program holds open: Excel
// locks an open workbook, so Windows refuses to rename or replace it.
func isSharingViolation(err error) bool {
	const sharingViolation, lockViolation = syscall.Errno(32), syscall.Errno(33)
	return errors.Is(err, sharingViolation) || errors.Is(err, lockViolation)
}
