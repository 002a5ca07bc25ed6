package main

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// These tests read the committed example packs as a reader gets them, via
// poppler's pdftotext (TestExamples proves they are what the code makes).

func examplePDFs(t *testing.T) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	pdfs, _ := filepath.Glob("../../examples/*/pack/*.pdf")
	if len(pdfs) < 6 {
		t.Fatalf("found %d example PDFs", len(pdfs))
	}
	return pdfs
}

// TestExampleSPFRecordCopiesWhole: the SPF record an admin copies from the
// PDF comes back from pdftotext with every term whole, in order, as the
// summary holds it.
func TestExampleSPFRecordCopiesWhole(t *testing.T) {
	checked := 0
	for _, pdf := range examplePDFs(t) {
		var sum struct {
			SPF *struct {
				Record  string   `json:"record"`
				Strings []string `json:"strings"`
			} `json:"spf"`
		}
		js, _ := filepath.Glob(filepath.Join(filepath.Dir(pdf), "*-summary.json"))
		if len(js) != 1 {
			t.Fatalf("%s: no summary beside it", pdf)
		}
		if err := json.Unmarshal(readFile(t, js[0]), &sum); err != nil {
			t.Fatal(err)
		}
		if sum.SPF == nil || sum.SPF.Record == "" {
			continue
		}
		out, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		want := strings.Fields(sum.SPF.Record)
		// Every block of lines that starts the record: the lines up to the
		// next blank line, joined at their breaks.
		lines := strings.Split(string(out), "\n")
		found := false
		var got []string
		for i, l := range lines {
			if !strings.HasPrefix(strings.TrimSpace(l), want[0]+" ") {
				continue
			}
			got = nil
			for _, l := range lines[i:] {
				if strings.TrimSpace(l) == "" {
					break
				}
				got = append(got, strings.Fields(l)...)
			}
			if strings.Join(got, " ") == strings.Join(want, " ") {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("%s: the record to publish does not come back whole from pdftotext;\nwant %q\nlast candidate %q", filepath.Base(pdf), want, got)
		}
		checked++
	}
	if checked == 0 {
		t.Fatal("no example has an SPF record to check")
	}
}

var (
	bboxPage = regexp.MustCompile(`<page width="[0-9.]+" height="([0-9.]+)">`)
	bboxWord = regexp.MustCompile(`<word xMin="[0-9.]+" yMin="([0-9.]+)" xMax="[0-9.]+" yMax="([0-9.]+)">`)
)

// TestExamplePagesNotNearlyEmpty: no page but the cover and the last holds
// less than a fifth of a page of text.
func TestExamplePagesNotNearlyEmpty(t *testing.T) {
	const (
		mm       = 72 / 25.4
		bodyTop  = 25 * mm  // below the running header
		bodyEnd  = 275 * mm // above the footer
		minShare = 0.2
	)
	for _, pdf := range examplePDFs(t) {
		out, err := exec.Command("pdftotext", "-bbox", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := bboxPage.Split(string(out), -1)[1:]
		if len(pages) < 3 {
			t.Fatalf("%s: %d pages", filepath.Base(pdf), len(pages))
		}
		for i, page := range pages[1 : len(pages)-1] {
			bottom := bodyTop
			for _, m := range bboxWord.FindAllStringSubmatch(page, -1) {
				y0, _ := strconv.ParseFloat(m[1], 64)
				y1, _ := strconv.ParseFloat(m[2], 64)
				if y0 >= bodyTop-2 && y1 <= bodyEnd+2 {
					bottom = max(bottom, y1)
				}
			}
			if share := (bottom - bodyTop) / (bodyEnd - bodyTop); share < minShare {
				t.Errorf("%s: page %d of %d holds text on only %.0f%% of its height", filepath.Base(pdf), i+2, len(pages), share*100)
			}
		}
	}
}
