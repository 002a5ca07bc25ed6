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
	tests := []struct {
		name string
		data []byte
		err  string
	}{
		{"png 16-bit", encode(t, small, "png"), ""},
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
				cfg, format, err := image.DecodeConfig(bytes.NewReader(logo.PNG))
				if err != nil || format != "png" || cfg.ColorModel == color.RGBA64Model || cfg.ColorModel == color.NRGBA64Model {
					t.Errorf("logo not re-encoded as an 8-bit PNG: %v %s %v", err, format, cfg.ColorModel)
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
