//go:build !linux

package main

// hugePages is for Linux (hugepages_linux.go).
func hugePages() {}
