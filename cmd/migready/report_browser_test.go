package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// reportLayout is what a page of the HTML report looks like in the
// browser, as layoutJS measures it.
type reportLayout struct {
	ScrollWidth int      // of the document
	Sideways    []string // elements that scroll sideways inside the page
	Tasks       []struct {
		Boxes, Marks int    // checkboxes and status marks on the line
		Bullet       string // the line's list-style-type
		Disabled     bool   // a box that cannot be ticked
	}
	Folds []struct {
		Open    bool
		Rows    int
		Summary string
	}
	CardRows, Rows int // table rows drawn as cards; all table body rows
}

// layoutJS measures a report page for reportLayout.
const layoutJS = `(() => {
  const r = {ScrollWidth: document.scrollingElement.scrollWidth, Sideways: [], Tasks: [], Folds: [], CardRows: 0, Rows: 0};
  for (const e of document.querySelectorAll("body *")) {
    const o = getComputedStyle(e).overflowX;
    if ((o === "auto" || o === "scroll") && e.scrollWidth > e.clientWidth + 1) {
      r.Sideways.push(e.tagName + "." + e.className + " " + e.scrollWidth + ">" + e.clientWidth);
    }
  }
  for (const li of document.querySelectorAll("li.task")) {
    const boxes = li.querySelectorAll("input[type=checkbox]");
    r.Tasks.push({Boxes: boxes.length, Marks: li.querySelectorAll(".st").length,
      Bullet: getComputedStyle(li).listStyleType, Disabled: Array.from(boxes).some(b => b.disabled)});
  }
  for (const d of document.querySelectorAll("details.fold")) {
    r.Folds.push({Open: d.open, Rows: d.querySelectorAll("tbody tr").length, Summary: d.querySelector("summary").innerText});
  }
  for (const tr of document.querySelectorAll("tbody tr")) {
    r.Rows++;
    if (getComputedStyle(tr).display === "block") { r.CardRows++; }
  }
  return r;
})()`

// TestReportInBrowser opens every example's HTML report (six languages,
// and a follow-up) in headless Chromium, as a phone (390 px) and as a
// desktop (1280 px) shows it: nothing scrolls sideways, neither the page
// nor anything in it; each checklist line has one box that can be ticked,
// one status mark and no bullet; on the phone, tables of four columns or
// more are cards and long tables are folded under their count; on the
// desktop they are tables, unfolded by the report's script.
func TestReportInBrowser(t *testing.T) {
	ctx, _ := reportBrowser(t, t.TempDir())
	for _, page := range exampleReports(t) {
		t.Run(reportName(page), func(t *testing.T) {
			for _, width := range []int{390, 1280} {
				l := measureReport(t, ctx, page, width)
				if l.ScrollWidth > width {
					t.Errorf("%d px: the page is %d px wide: it scrolls sideways", width, l.ScrollWidth)
				}
				if len(l.Sideways) > 0 {
					t.Errorf("%d px: these scroll sideways: %v", width, l.Sideways)
				}
				if len(l.Tasks) < 10 {
					t.Errorf("%d px: %d checklist lines", width, len(l.Tasks))
				}
				for i, task := range l.Tasks {
					if task.Boxes != 1 || task.Marks != 1 || task.Bullet != "none" || task.Disabled {
						t.Errorf("%d px: checklist line %d has %d boxes, %d marks, bullet %q, disabled %v; want one box to tick, one mark, no bullet",
							width, i+1, task.Boxes, task.Marks, task.Bullet, task.Disabled)
					}
				}
				for _, f := range l.Folds {
					if f.Open != (width > 640) || f.Rows <= 12 || !strings.Contains(f.Summary, fmt.Sprint(f.Rows)) {
						t.Errorf("%d px: a folded table: open %v, %d rows, summary %q", width, f.Open, f.Rows, f.Summary)
					}
				}
				switch {
				case width == 390 && l.CardRows == 0:
					t.Errorf("390 px: no table reads as cards (%d rows)", l.Rows)
				case width == 1280 && l.CardRows > 0:
					t.Errorf("1280 px: %d table rows are cards", l.CardRows)
				}
			}
		})
	}
}

// TestReportTicksKept ticks checklist lines of a report in Chromium and
// reads them back after a reload, in a new tab, and in a browser started
// anew on the same profile: the ticks are kept in that browser for that
// report, and another report has none of them. Printed, the report has
// its ticks and every row of a folded table.
func TestReportTicksKept(t *testing.T) {
	profile := t.TempDir()
	ctx, stop := reportBrowser(t, profile)
	pages := exampleReports(t)
	hf := pages[slices.IndexFunc(pages, func(p string) bool { return strings.Contains(p, "harbour-finch") })]
	other := pages[slices.IndexFunc(pages, func(p string) bool { return strings.Contains(p, "vaxa") })]
	ticks := func(ctx context.Context, page string) []bool {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 900), chromedp.Navigate("file://"+page)); err != nil {
			t.Fatal(err)
		}
		return tickStates(t, ctx)
	}
	if got := ticks(ctx, hf); slices.Contains(got, true) {
		t.Fatalf("a new report has ticks: %v", got)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("li.task:nth-of-type(2) input.tick")),
		chromedp.Click(chromedp.CSS("li.task:nth-of-type(4) input.tick")),
		chromedp.Click(chromedp.CSS("li.task:nth-of-type(5) input.tick")),
		chromedp.Click(chromedp.CSS("li.task:nth-of-type(5) input.tick")), // ticked and unticked
	); err != nil {
		t.Fatal(err)
	}
	want := func(got []bool, where string) {
		t.Helper()
		for i, on := range got {
			if on != (i == 1 || i == 3) {
				t.Errorf("%s: ticks %v, want lines 2 and 4", where, got)
				return
			}
		}
	}
	want(tickStates(t, ctx), "ticked")
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	want(tickStates(t, ctx), "after a reload")
	tab, cancel := chromedp.NewContext(ctx)
	want(ticks(tab, hf), "in a new tab")
	cancel()
	if got := ticks(ctx, other); slices.Contains(got, true) {
		t.Errorf("another report has ticks: %v", got)
	}

	// Printed: the ticks, and the folded table's every row.
	ticks(ctx, hf)
	last, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`document.querySelector("details.fold tbody tr:last-child td:nth-child(2)").textContent.trim()`))
	if err != nil {
		t.Fatal(err)
	}
	printed, err := chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		t.Fatal(err)
	}
	want(tickStates(t, ctx), "printed")
	if _, err := exec.LookPath("pdftotext"); err == nil {
		pdf := filepath.Join(t.TempDir(), "printed.pdf")
		if err := os.WriteFile(pdf, printed, 0o644); err != nil {
			t.Fatal(err)
		}
		text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		if last == "" || !strings.Contains(string(text), last) {
			t.Errorf("the printed report lacks %q, the last row of the folded table", last)
		}
	}

	// A browser started anew on the same profile.
	stop()
	ctx, _ = reportBrowser(t, profile)
	want(ticks(ctx, hf), "in the browser started again")
}

// tickStates are the checklist's boxes, ticked or not.
func tickStates(t *testing.T, ctx context.Context) []bool {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[[]bool](`Array.from(document.querySelectorAll("li.task input.tick")).map(b => b.checked)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(s) < 10 {
		t.Fatalf("%d checklist boxes", len(s))
	}
	return s
}

// reportBrowser starts headless Chromium on the profile in folder profile
// (the test is skipped without Chromium, which CI requires) and returns its
// context and what stops it; it stops at the end of the test at the latest.
func reportBrowser(t *testing.T, profile string) (context.Context, func()) {
	t.Helper()
	chromium := needChromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true), chromedp.Flag("hide-scrollbars", true), chromedp.UserDataDir(profile))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// Closed as a person closes it, so that it writes what it keeps.
	stop := sync.OnceFunc(func() {
		tctx, tcancel := context.WithTimeout(ctx, 30*time.Second)
		defer tcancel()
		_ = chromedp.Cancel(tctx)
		cancel()
		cancelAlloc()
	})
	t.Cleanup(stop)
	// The browser lives as long as the first Run's context: start it here.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("chromium: %v", err)
	}
	return ctx, stop
}

// measureReport opens page at width and measures it.
func measureReport(t *testing.T, ctx context.Context, page string, width int) reportLayout {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), 900), chromedp.Navigate("file://"+page)); err != nil {
		t.Fatal(err)
	}
	l, err := chromedp.Run(ctx, chromedp.Evaluate[reportLayout](layoutJS))
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// exampleReports are the HTML reports of the example packs, absolute.
func exampleReports(t *testing.T) []string {
	t.Helper()
	pages, _ := filepath.Glob("../../examples/*/pack/*-readiness.html")
	more, _ := filepath.Glob("../../examples/*/followup/pack/*-readiness.html")
	pages = append(pages, more...)
	if len(pages) < 7 {
		t.Fatalf("%d example reports, want the six languages' and a follow-up", len(pages))
	}
	for i, p := range pages {
		abs, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		pages[i] = abs
	}
	return pages
}

// reportName is "harbour-finch" or "nordlys/followup".
func reportName(page string) string {
	dir := filepath.Dir(filepath.Dir(page))
	if filepath.Base(dir) == "followup" {
		return filepath.Base(filepath.Dir(dir)) + "/followup"
	}
	return filepath.Base(dir)
}
