// Exports come back as bytes (the services never pick paths); the browser saves them as a download,
// which also works in Electron, where the download goes through the system's save dialog.

/** Saves base64 bytes as a file download named `fileName`. */
export function downloadBase64(dataBase64: string, fileName: string, mediaType: string): void {
  const binary = atob(dataBase64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started once click() returns; free the bytes a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
