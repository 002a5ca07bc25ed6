package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/migready/migready/render"
)

// writeAll writes every file to a temporary file in dir first and renames
// them into place only when all were written, so a failed run never leaves a
// half-written PDF next to a fresh JSON.
func writeAll(dir string, files []render.File) error {
	var temps []string
	cleanup := func() {
		for _, t := range temps {
			os.Remove(t)
		}
	}
	for _, f := range files {
		tmp, err := os.CreateTemp(dir, "."+f.Name+".*.tmp")
		if err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.Name), err)
		}
		temps = append(temps, tmp.Name())
		_, werr := tmp.Write(f.Data)
		serr := tmp.Sync()
		cerr := tmp.Close()
		for _, err := range []error{werr, serr, cerr} {
			if err != nil {
				cleanup()
				return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.Name), err)
			}
		}
		if err := os.Chmod(tmp.Name(), 0o644); err != nil {
			cleanup()
			return err
		}
	}
	for i, f := range files {
		if err := os.Rename(temps[i], filepath.Join(dir, f.Name)); err != nil {
			cleanup()
			return fmt.Errorf("writing %s: %w", filepath.Join(dir, f.Name), err)
		}
	}
	return nil
}
