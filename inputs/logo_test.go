package inputs

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
)

func encode(t *testing.T, img image.Image, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	var err error
	if format == "jpeg" {
		err = jpeg.Encode(&b, img, nil)
	} else {
		err = png.Encode(&b, img)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestParseLogo(t *testing.T) {
	small := image.NewRGBA64(image.Rect(0, 0, 30, 10)) // 16-bit: the PDF library rejects these
	small.Set(1, 1, color.RGBA64{0xffff, 0, 0, 0xffff})
	huge := encode(t, image.NewGray(image.Rect(0, 0, 5000, 4000)), "png")
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	alpha := image.NewNRGBA(image.Rect(0, 0, 30, 10)) // transparent but for two pixels
	alpha.Set(1, 1, color.NRGBA{0, 0x80, 0, 0xff})
	alpha.Set(2, 1, color.NRGBA{0, 0, 0, 0x80})
	tests := []struct {
		name string
		data []byte
		err  string
	}{
		{"png 16-bit", encode(t, small, "png"), ""},
		{"png with alpha", encode(t, alpha, "png"), ""},
		{"jpeg", encode(t, image.NewRGBA(image.Rect(0, 0, 20, 20)), "jpeg"), ""},
		{"text", []byte("not a picture"), "not a readable PNG or JPEG"},
		{"truncated", encode(t, small, "png")[:40], "damaged"},
		{"huge", huge, "5000×4000 pixels"},
		{"gif", gif, "not a readable PNG or JPEG"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logo, err := ParseLogo("logo", tt.data)
			if tt.err == "" {
				if err != nil {
					t.Fatal(err)
				}
				// IHDR: bit depth 8, colour type 2 (RGB), not interlaced:
				// the form the PDF embeds as it is.
				d := logo.PNG
				if len(d) < 29 || string(d[1:4]) != "PNG" || d[24] != 8 || d[25] != 2 || d[28] != 0 {
					t.Fatalf("logo not re-encoded as a plain 8-bit RGB PNG: % x", d[:min(len(d), 29)])
				}
				img, err := png.Decode(bytes.NewReader(d))
				if err != nil {
					t.Fatal(err)
				}
				if img.Bounds().Dx() != logo.Width || img.Bounds().Dy() != logo.Height {
					t.Errorf("logo is %v, want %d×%d", img.Bounds(), logo.Width, logo.Height)
				}
				if tt.name == "png with alpha" {
					// Flattened onto white, the card both renderers put it on.
					for _, p := range []struct {
						x, y int
						want color.RGBA
					}{{0, 0, color.RGBA{0xff, 0xff, 0xff, 0xff}}, {1, 1, color.RGBA{0, 0x80, 0, 0xff}}, {2, 1, color.RGBA{0x7f, 0x7f, 0x7f, 0xff}}} {
						if got := color.RGBAModel.Convert(img.At(p.x, p.y)).(color.RGBA); got != p.want {
							t.Errorf("pixel (%d,%d) = %v, want %v", p.x, p.y, got, p.want)
						}
					}
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || !strings.Contains(e.Msg, tt.err) || e.Hint == "" || e.Key != "brand.logo" {
				t.Errorf("got %v, want an input error with %q and a hint", err, tt.err)
			}
		})
	}
}
