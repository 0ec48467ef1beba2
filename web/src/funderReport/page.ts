export function startFunderReport(): void {}
