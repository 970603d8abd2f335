// The receipt's print button: the browser's own print dialog, where "Save as PDF" makes the file.
document.getElementById('print')?.addEventListener('click', () => window.print());
