// The survey page (being built).
export {};
