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

// Logo is the brand logo, re-encoded as a plain 8-bit PNG so every renderer
// can embed it (the PDF library rejects interlaced and 16-bit PNGs).
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
	rgba := image.NewNRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, rgba); err != nil {
		return nil, &Error{File: path, Key: "brand.logo", Msg: "logo could not be converted: " + err.Error(), Hint: hint}
	}
	return &Logo{File: path, PNG: buf.Bytes(), Width: cfg.Width, Height: cfg.Height}, nil
}
