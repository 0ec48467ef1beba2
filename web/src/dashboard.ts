// The dashboard page (being built).
export {};
