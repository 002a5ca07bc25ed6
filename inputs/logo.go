package inputs

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"
)

// maxLogoPixels bounds the logo's picture (MaxLogoBytes its file): a logo is
// a small picture on a cover page. Anything larger is almost certainly the
// wrong file, and decoding it would cost memory.
const maxLogoPixels = 4096 * 4096

// Logo is the brand logo, re-encoded once as a plain 8-bit RGB PNG that
// every renderer embeds as it is. Both show it on a white card, so it is
// flattened onto white: the PDF library rejects interlaced and 16-bit PNGs,
// and would split an alpha channel out and compress it again for every
// document.
type Logo struct {
	File          string
	PNG           []byte
	Width, Height int
}

// ParseLogo reads a PNG or JPEG logo from the bytes of the file at path.
func ParseLogo(path string, data []byte) (*Logo, error) {
	hint := "brand.logo must be a PNG or JPEG file, ideally a few hundred pixels wide"
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, &Error{File: path, Key: "brand.logo", Msg: "logo is not a readable PNG or JPEG image", Hint: hint}
	}
	if format != "png" && format != "jpeg" {
		return nil, &Error{File: path, Key: "brand.logo", Msg: "logo is a " + format + " image", Hint: hint}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > maxLogoPixels {
		return nil, &Error{File: path, Key: "brand.logo", Msg: fmt.Sprintf("logo is %d×%d pixels", cfg.Width, cfg.Height), Hint: "use a logo of at most 4096×4096 pixels"}
	}
	var img image.Image
	if format == "png" {
		img, err = png.Decode(bytes.NewReader(data))
	} else {
		img, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, &Error{File: path, Key: "brand.logo", Msg: "logo image is damaged: " + err.Error(), Hint: hint}
	}
	// An opaque RGBA image is written as 8-bit RGB. Default compression:
	// the best took 50 ms for a 360×120 logo, a third of a whole pack,
	// to save 200 bytes.
	b := img.Bounds()
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	var buf bytes.Buffer
	if err := png.Encode(&buf, flat); err != nil {
		return nil, &Error{File: path, Key: "brand.logo", Msg: "logo could not be converted: " + err.Error(), Hint: hint}
	}
	return &Logo{File: path, PNG: buf.Bytes(), Width: cfg.Width, Height: cfg.Height}, nil
}
