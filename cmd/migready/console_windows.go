//go:build windows

package main

import (
	"os"
	"unsafe"

	"golang.org/x/sys/windows"
)

var procGetConsoleProcessList = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// platformConsoleInfo counts the processes attached to this console
// (GetConsoleProcessList): 1 when Explorer started migready in a window of
// its own, 2 or more under cmd.exe, PowerShell or Windows Terminal.
func platformConsoleInfo() (processes int, stdinIsConsole bool) {
	var ids [4]uint32
	n, _, _ := procGetConsoleProcessList.Call(uintptr(unsafe.Pointer(&ids[0])), uintptr(len(ids)))
	var mode uint32
	stdinIsConsole = windows.GetConsoleMode(windows.Handle(os.Stdin.Fd()), &mode) == nil
	return int(n), stdinIsConsole
}

// enableColor turns on ANSI escape processing for the console behind f
// (Windows 10 and later); when that fails, f gets no colour.
func enableColor(f *os.File) bool {
	h := windows.Handle(f.Fd())
	var mode uint32
	if err := windows.GetConsoleMode(h, &mode); err != nil {
		return false
	}
	if mode&windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING != 0 {
		return true
	}
	return windows.SetConsoleMode(h, mode|windows.ENABLE_VIRTUAL_TERMINAL_PROCESSING) == nil
}

// systemLanguages are Windows' display languages for the user ("nb-NO"),
// most preferred first.
func systemLanguages() []string {
	langs, err := windows.GetUserPreferredUILanguages(windows.MUI_LANGUAGE_NAME)
	if err != nil {
		return nil
	}
	return langs
}
