package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"

	"github.com/migready/migready/render"
)

// The file operations writeAll uses, which tests replace to make one step
// fail (export_test.go).
var (
	rename     = os.Rename
	createTemp = os.CreateTemp
)

// errInterrupted is returned by writeAll when Ctrl-C (SIGINT) or SIGTERM
// arrived while it wrote: the previous pack is back in place.
var errInterrupted error = newFailure(kindInterrupted)

// outputError is a file of the pack that could not be put in place. It names
// the final file, never a temporary one, and carries a hint.
type outputError struct {
	file string // the final file
	err  error  // the cause, without the temporary names of *os.LinkError
	hint string
	kept []string // backups that could not be restored (should never happen)
}

func (e *outputError) Error() string {
	msg := fmt.Sprintf("cannot write %s: %v", e.file, e.err)
	if len(e.kept) > 0 {
		msg += "; the previous files are kept as " + strings.Join(e.kept, ", ")
	}
	return msg
}

func (e *outputError) Unwrap() error { return e.err }

// Hint says what to do about it.
func (e *outputError) Hint() string { return e.hint }

// newOutputError strips the temporary file names off err and picks a hint.
func newOutputError(file string, err error) *outputError {
	e := &outputError{file: file, err: causeOf(err)}
	switch {
	case errors.Is(err, fs.ErrPermission) || isSharingViolation(err):
		e.hint = "the file may be open in another program: close it (the workbook in Excel, the PDF in its viewer) and run again; " +
			"otherwise check that you may write to " + filepath.Dir(file)
	case errors.Is(err, syscall.ENOSPC):
		e.hint = "the disk is full: free some space or choose another folder with -out"
	default:
		e.hint = "check that the folder " + filepath.Dir(file) + " exists and that you may write to it, or choose another folder with -out"
	}
	return e
}

// writeAll puts the pack's files into dir as one transaction: all of them
// or none. Each file is first written to a hidden temporary file in dir;
// when all are complete and every final name is free to be replaced, the
// existing files are renamed to hidden backups and the new ones renamed
// into place. If any step fails, or Ctrl-C arrives, the new files are
// removed and the backups renamed back, so the previous pack stays exactly
// as it was, and no temporary or backup file is left behind.
func writeAll(dir string, files []render.File) error {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sig)
	return writeFiles(dir, files, sig)
}

// step is one file's progress through writeFiles.
type step struct {
	final, temp, backup string
	backedUp, placed    bool
}

func writeFiles(dir string, files []render.File, sig <-chan os.Signal) error {
	w, err := stageFiles(dir, files, signalled(sig))
	if err != nil {
		return err
	}
	return w.commit()
}

// staged is a pack written to its temporary files, not yet synced to disk
// nor in place: stageFiles does the writing, which takes processor time,
// and commit the syncing, which mostly waits on the disk, so a batch job
// can render its next customer meanwhile.
type staged struct {
	steps       []step
	temps       []*os.File // open, by step
	interrupted func() bool
}

// signalled reports, without waiting, whether sig has delivered a signal
// (never, for a nil channel).
func signalled(sig <-chan os.Signal) func() bool {
	return func() bool {
		select {
		case <-sig:
			return true
		default:
			return false
		}
	}
}

// stageFiles writes every file to a hidden temporary file in dir; on an
// error, or when interrupted reports true, nothing is left behind.
func stageFiles(dir string, files []render.File, interrupted func() bool) (_ *staged, err error) {
	w := &staged{steps: make([]step, len(files)), temps: make([]*os.File, 0, len(files)), interrupted: interrupted}
	for i, f := range files {
		w.steps[i].final = filepath.Join(dir, f.Name)
	}
	defer func() {
		if err != nil {
			err = w.abort(err)
		}
	}()

	removeLeftovers(dir, files)

	// A folder (or anything but a file) of a final name can never be
	// replaced: say so before writing anything.
	for _, s := range w.steps {
		if st, err := os.Lstat(s.final); err == nil && !st.Mode().IsRegular() && st.Mode()&fs.ModeSymlink == 0 {
			what := "a folder"
			if !st.IsDir() {
				what = "something that is not a file"
			}
			return nil, &outputError{file: s.final, err: errors.New(what + " of that name is in the way"),
				hint: "move or rename " + s.final + ", or choose another folder with -out, and run again"}
		}
	}

	for i, f := range files {
		if w.interrupted() {
			return nil, errInterrupted
		}
		tmp, err := createTemp(dir, tempPattern(f.Name))
		if err != nil {
			return nil, newOutputError(w.steps[i].final, err)
		}
		w.temps = append(w.temps, tmp)
		w.steps[i].temp = tmp.Name()
		w.steps[i].backup = strings.TrimSuffix(tmp.Name(), ".tmp") + ".old"
		if _, err := tmp.Write(f.Data); err != nil {
			return nil, newOutputError(w.steps[i].final, err)
		}
	}
	return w, nil
}

// tempPattern is the name of the hidden temporary file of the file name
// (os.CreateTemp puts digits for the *); its backup, while the file is
// replaced, ends in ".old" instead of ".tmp".
func tempPattern(name string) string { return "." + name + ".*.tmp" }

// datePart is the date in a pack's file names ("acme-as-2026-11-24-…").
var datePart = regexp.MustCompile(`[0-9]{4}-[0-9]{2}-[0-9]{2}`)

// removeLeftovers cleans up after an earlier run that was killed while it
// wrote files of the same names into dir (kill -9, a power cut: no chance
// to roll back). Only hidden files of writeAll's own pattern for one of the
// names about to be written, on any date, are touched: a temporary file is
// removed, and a backup is put back in place if the file it was the
// previous version of is missing, else removed. Everything else in dir,
// another customer's leftovers among it, is left alone.
func removeLeftovers(dir string, files []render.File) {
	var own []*regexp.Regexp
	for _, f := range files {
		name := regexp.QuoteMeta(f.Name)
		name = datePart.ReplaceAllString(name, `[0-9]{4}-[0-9]{2}-[0-9]{2}`)
		own = append(own, regexp.MustCompile(`^\.(`+name+`)\.[0-9]+\.(tmp|old)$`))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.Type().IsRegular() || !strings.HasPrefix(e.Name(), ".") {
			continue
		}
		for _, re := range own {
			m := re.FindStringSubmatch(e.Name())
			if m == nil {
				continue
			}
			path := filepath.Join(dir, e.Name())
			if m[2] == "old" {
				final := filepath.Join(dir, m[1])
				if _, err := os.Lstat(final); errors.Is(err, fs.ErrNotExist) && rename(path, final) == nil {
					break
				}
			}
			os.Remove(path)
			break
		}
	}
}

// abort closes the temporary files and undoes what was done, after err.
func (w *staged) abort(err error) error {
	for _, tmp := range w.temps {
		tmp.Close()
	}
	w.temps = nil
	return rollback(w.steps, err)
}

// commit syncs the temporary files to disk, all at once (a sync waits on
// the disk, and five in a row took a quarter longer than five together),
// then puts them in place: the old files become hidden backups, the new
// ones take their names, and the backups are removed. On an error, or
// Ctrl-C, the previous files are put back.
func (w *staged) commit() (err error) {
	defer func() {
		if err != nil {
			err = w.abort(err)
		}
	}()
	errs := make([]error, len(w.temps))
	var syncing sync.WaitGroup
	for i, tmp := range w.temps {
		syncing.Go(func() {
			serr := tmp.Sync()
			errs[i] = errors.Join(serr, tmp.Close(), os.Chmod(tmp.Name(), 0o644))
		})
	}
	syncing.Wait()
	w.temps = nil // closed
	for i, err := range errs {
		if err != nil {
			return newOutputError(w.steps[i].final, err)
		}
	}

	for i := range w.steps {
		s := &w.steps[i]
		if w.interrupted() {
			return errInterrupted
		}
		if _, err := os.Lstat(s.final); err == nil {
			if err := rename(s.final, s.backup); err != nil {
				return newOutputError(s.final, err)
			}
			s.backedUp = true
		}
		if err := rename(s.temp, s.final); err != nil {
			return newOutputError(s.final, err)
		}
		s.placed = true
	}
	if w.interrupted() {
		return errInterrupted
	}
	for _, s := range w.steps {
		if s.backedUp {
			os.Remove(s.backup)
		}
	}
	return nil
}

// rollback undoes writeFiles after err: the new files placed so far are
// removed and the backups renamed back, then the temporary files removed.
func rollback(steps []step, err error) error {
	var kept []string
	for i := len(steps) - 1; i >= 0; i-- {
		s := steps[i]
		if s.placed {
			os.Remove(s.final)
		}
		if s.backedUp {
			if rerr := rename(s.backup, s.final); rerr != nil {
				kept = append(kept, s.backup)
			}
		}
		if s.temp != "" && !s.placed {
			os.Remove(s.temp)
		}
	}
	if len(kept) == 0 {
		return err
	}
	var oe *outputError
	if errors.As(err, &oe) {
		oe.kept = kept
		return err
	}
	return fmt.Errorf("%w; the previous files are kept as %s", err, strings.Join(kept, ", "))
}
