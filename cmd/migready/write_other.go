//go:build !windows

package main

// isSharingViolation is a Windows error; elsewhere an open file can be
// replaced and a refusal is a permission error.
func isSharingViolation(error) bool { return false }
